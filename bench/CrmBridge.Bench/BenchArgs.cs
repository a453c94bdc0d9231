using System.Globalization;

namespace CrmBridge.Bench;

/// <summary>The bench's command line: an optional mode (for child processes), then <c>--name value</c> pairs and flags.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public string? Mode { get; private set; }

    public static BenchArgs Parse(string[] args)
    {
        var parsed = new BenchArgs();
        var start = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            parsed.Mode = args[0];
            start = 1;
        }

        for (var i = start; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchUsageException($"Unexpected argument '{args[i]}'. Usage: [--quick] [--only sync,incremental,limited,store,sweep] [--crms HubSpot,Pipedrive,...] [--deals 10000,100000] [--limited-deals N] [--store-deals N] [--postgres CONNECTION]");
            }

            var name = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            parsed._values[name] = value;
        }

        return parsed;
    }

    public bool Flag(string name) => _values.ContainsKey(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new BenchUsageException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        Value(name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    public IReadOnlySet<string> List(string name) =>
        Value(name) is { } text ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase) : new HashSet<string>();
}
