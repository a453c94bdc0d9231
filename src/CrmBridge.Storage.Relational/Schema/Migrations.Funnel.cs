namespace CrmBridge.Storage.Relational.Schema;

internal static partial class Migrations
{
    /// <summary>Schema for funnel analytics; versions 40-49 are reserved for it.</summary>
    private static IReadOnlyList<Migration> Funnel { get; } = [];
}
