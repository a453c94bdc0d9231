namespace CrmBridge.Core.Connections;

/// <summary>
/// Resolves configuration values written as secret references: <c>env:NAME</c> reads an environment variable,
/// <c>file:/path</c> reads a file (trimmed). Any other value is taken literally.
/// </summary>
public static class SecretReference
{
    private const string EnvPrefix = "env:";
    private const string FilePrefix = "file:";

    /// <summary>Resolves <paramref name="value"/>; on failure returns false and an error that names the reference, never a secret.</summary>
    public static bool TryResolve(string? value, out string? resolved, out string? error)
    {
        resolved = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (value.StartsWith(EnvPrefix, StringComparison.Ordinal))
        {
            var variable = value[EnvPrefix.Length..];
            resolved = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(resolved))
            {
                error = $"refers to environment variable {variable}, which is not set";
                resolved = null;
                return false;
            }

            return true;
        }

        if (value.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            var path = value[FilePrefix.Length..];
            if (!File.Exists(path))
            {
                error = $"refers to file {path}, which does not exist";
                return false;
            }

            resolved = File.ReadAllText(path).Trim();
            return true;
        }

        resolved = value;
        return true;
    }
}
