namespace CrmBridge.Core.Storage;

/// <summary>What a bulk upsert did.</summary>
public sealed record DealUpsertResult(int Inserted, int Updated, int Unchanged, int StageTransitions)
{
    public static DealUpsertResult Empty { get; } = new(0, 0, 0, 0);

    public DealUpsertResult Add(DealUpsertResult other) => new(
        Inserted + other.Inserted,
        Updated + other.Updated,
        Unchanged + other.Unchanged,
        StageTransitions + other.StageTransitions);
}
