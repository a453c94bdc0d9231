namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>A deal category (pipeline) with its stages in order.</summary>
internal sealed record Bitrix24Category(long Id, string Name, int Sort, IReadOnlyList<Bitrix24Stage> Stages)
{
    public string EntityId => Id == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{Id}";
}
