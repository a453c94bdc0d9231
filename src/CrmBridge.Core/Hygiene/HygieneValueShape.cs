namespace CrmBridge.Core.Hygiene;

/// <summary>One shape values of a field come in (e.g. <c>date dd.mm.yyyy</c>), how many values have it, and one example.</summary>
public sealed record HygieneValueShape(string Shape, long Count, string Example);
