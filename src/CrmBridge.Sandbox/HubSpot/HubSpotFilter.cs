namespace CrmBridge.Sandbox.HubSpot;

internal sealed record HubSpotFilter(string Property, string Operator, string? Value, string? HighValue, IReadOnlyList<string> Values);
