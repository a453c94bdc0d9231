namespace CrmBridge.Core.Hygiene;

/// <summary>A sweep about to write: its id, the connection, and the time its findings are stamped with.</summary>
public sealed record HygieneSweepStart(string SweepId, string Connection, DateTimeOffset StartedAt);
