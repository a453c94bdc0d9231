namespace CrmBridge.Storage.Relational.Schema;

internal static partial class Migrations
{
    /// <summary>Schema for stale-deal alerts and their outbox; versions 10-19 are reserved for it.</summary>
    private static IReadOnlyList<Migration> Cemetery { get; } = [];
}
