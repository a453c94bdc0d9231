namespace CrmBridge.Storage.Relational.Schema;

internal static partial class Migrations
{
    /// <summary>Schema for Client Success carry-over links and plan tasks; versions 20-29 are reserved for it.</summary>
    private static IReadOnlyList<Migration> ClientSuccess { get; } = [];
}
