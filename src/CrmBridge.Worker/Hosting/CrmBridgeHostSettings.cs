namespace CrmBridge.Worker.Hosting;

/// <summary>What the command line adds to the configuration the host is built from.</summary>
/// <param name="ConfigPath">A JSON file layered over the defaults in <c>config/</c>; null for none.</param>
/// <param name="Overrides">Values layered last, over environment variables (the demo uses them to point at its sandbox).</param>
/// <param name="Defaults">Values layered first, under everything else (a verb's own defaults, such as its log level).</param>
internal sealed record CrmBridgeHostSettings(
    string? ConfigPath,
    IReadOnlyDictionary<string, string?>? Overrides = null,
    IReadOnlyDictionary<string, string?>? Defaults = null);
