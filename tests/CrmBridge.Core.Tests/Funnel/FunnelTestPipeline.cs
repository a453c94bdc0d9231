using CrmBridge.Core.Model;
using CrmBridge.TestKit;

namespace CrmBridge.Core.Tests.Funnel;

/// <summary>A small pipeline (four open stages, Won, Lost) and helpers to build deals and transitions in it.</summary>
internal static class FunnelTestPipeline
{
    public const string Id = "p";
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static Pipeline Sales { get; } = new("test", Id, "Sales", 0,
    [
        new Stage("s1", Id, "Prospects", 1, StageOutcome.Open),
        new Stage("s2", Id, "Contacts found", 2, StageOutcome.Open),
        new Stage("s3", Id, "Demo run", 3, StageOutcome.Open),
        new Stage("s4", Id, "Offer sent", 4, StageOutcome.Open),
        new Stage("won", Id, "Won", 5, StageOutcome.Won),
        new Stage("lost", Id, "Lost", 6, StageOutcome.Lost),
    ]);

    public static Deal Deal(string id, string stage, DealStatus status = DealStatus.Open, DateTimeOffset? created = null, string? owner = null) =>
        new DealBuilder().WithId(id).InStage(Id, stage).WithStatus(status).CreatedAt(created ?? T0).Build() with { OwnerId = owner };

    /// <summary>Transitions through the stages given, one day apart from <see cref="T0"/>, the first from null.</summary>
    public static IEnumerable<StageTransition> Path(string dealId, params string[] stages) =>
        stages.Select((stage, i) => Move(dealId, i == 0 ? null : stages[i - 1], stage, T0.AddDays(i)));

    public static StageTransition Move(string dealId, string? from, string to, DateTimeOffset at, DateTimeOffset? crmAt = null) =>
        new("test", dealId, Id, from, to, at, crmAt);
}
