namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>A deal category: Bitrix24's pipeline. The default one has id 0.</summary>
internal sealed class Bitrix24Category
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public int Sort { get; init; }
}
