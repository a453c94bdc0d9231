namespace CrmBridge.Sandbox.Dataset;

/// <summary>One thing the dataset seeded on purpose.</summary>
/// <param name="DealKey">The deal it shows up on.</param>
/// <param name="EntityKey">The record that holds it: the deal, its company or one of its contacts.</param>
/// <param name="Detail">Human-readable detail (the bad value, the idle days).</param>
public sealed record SandboxDirt(string DealKey, DirtKind Kind, string EntityKey, string Detail);
