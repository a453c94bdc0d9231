namespace CrmBridge.Storage.Relational.Schema;

internal static partial class Migrations
{
    /// <summary>Schema for hygiene findings; versions 2-9 are reserved for it.</summary>
    private static IReadOnlyList<Migration> Hygiene { get; } = [];
}
