namespace CrmBridge.Sandbox.Dataset;

/// <summary>What the sandbox dataset is generated from. The same options always give the same dataset.</summary>
public sealed record SandboxSeedOptions
{
    /// <value>Defaults to 42.</value>
    public int Seed { get; init; } = 42;

    /// <value>Defaults to 300. Companies and contacts grow with it past 300 deals (about 2 companies per 5 deals).</value>
    public int DealCount { get; init; } = 300;

    /// <summary>The reference time; every time in the dataset lies before it.</summary>
    public required DateTimeOffset Now { get; init; }
}
