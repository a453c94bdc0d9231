namespace CrmBridge.Storage.Relational.Schema;

internal static partial class Migrations
{
    /// <summary>Schema for rotating OAuth tokens (amoCRM, Bitrix24); versions 30-39 are reserved for it.</summary>
    private static IReadOnlyList<Migration> Credentials { get; } = [];
}
