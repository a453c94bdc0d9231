using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Connections;

/// <summary>Checks every connection at start: kind, secrets, and what its adapter needs. Messages name the key and the bad value.</summary>
public sealed class CrmBridgeOptionsValidator(IEnumerable<ICrmAdapterFactory> factories) : IValidateOptions<CrmBridgeOptions>
{
    private static readonly string KnownKinds = string.Join(", ", Enum.GetNames<CrmKind>());

    public ValidateOptionsResult Validate(string? name, CrmBridgeOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var (key, connection) in options.Connections)
        {
            connection.Name = key;
            foreach (var error in ValidateConnection(connection))
            {
                builder.AddError(error);
            }
        }

        return builder.Build();
    }

    private IEnumerable<string> ValidateConnection(ConnectionOptions connection)
    {
        if (string.IsNullOrWhiteSpace(connection.Kind))
        {
            yield return $"{connection.ConfigKey}:Kind is required; use one of {KnownKinds}.";
            yield break;
        }

        if (!Enum.TryParse<CrmKind>(connection.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            yield return $"{connection.ConfigKey}:Kind '{connection.Kind}' is not a known CRM; use one of {KnownKinds}.";
            yield break;
        }

        if (!SecretReference.TryResolve(connection.Token, out _, out var secretError))
        {
            yield return $"{connection.ConfigKey}:Token {secretError}.";
        }

        if (connection.RateLimit is { Enabled: true } limit && (limit.PermitLimit <= 0 || limit.Window <= TimeSpan.Zero))
        {
            yield return $"{connection.ConfigKey}:RateLimit needs PermitLimit > 0 and Window > 0 (got {limit.PermitLimit} per {limit.Window}).";
        }

        var factory = factories.FirstOrDefault(f => f.Kind == kind);
        if (factory is null)
        {
            yield return $"{connection.ConfigKey}:Kind {kind} has no adapter registered in this build.";
            yield break;
        }

        foreach (var error in factory.Validate(connection))
        {
            yield return error;
        }
    }
}
