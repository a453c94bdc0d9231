using CrmBridge.Core.Adapters;
using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.TestKit;

namespace CrmBridge.Core.Tests.Cemetery;

/// <summary>A small sales pipeline, a Client Success pipeline and two owners, as the cemetery tests use them.</summary>
internal static class CemeteryTestData
{
    public const string Connection = "test";

    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public static CrmCapabilities FullCapabilities { get; } = new()
    {
        MaxPageSize = 100,
        MaxBatchReadSize = 100,
        SupportsIncremental = true,
        HasRemovedDealsFeed = true,
        ReportsStageEnteredAt = true,
        ReportsLastActivity = true,
        ReportsNextActivity = true,
        StatusOnDeal = false,
    };

    public static ConnectionOptions ConnectionOptions() => new()
    {
        Name = Connection,
        Kind = "HubSpot",
        DealUrlTemplate = "https://crm.example/deals/{id}",
        Pipelines = new PipelineRolesOptions { ClientSuccess = "cs" },
    };

    public static IReadOnlyList<Pipeline> Pipelines { get; } =
    [
        new(Connection, "sales", "Sales", 0,
        [
            new Stage("new", "sales", "New", 1, StageOutcome.Open),
            new Stage("demo", "sales", "Demo run", 2, StageOutcome.Open),
            new Stage("won", "sales", "Won", 3, StageOutcome.Won),
            new Stage("lost", "sales", "Lost", 4, StageOutcome.Lost),
        ]),
        new(Connection, "cs", "Client Success", 1, [new Stage("m1", "cs", "Month 1", 1, StageOutcome.Open)]),
    ];

    public static IReadOnlyList<Owner> Owners { get; } =
    [
        new(Connection, "u1", "Ivan Petrov", "ivan@example.com"),
        new(Connection, "u2", "Olga Smirnova", "olga@example.com"),
    ];

    /// <summary>An open deal in New, touched <paramref name="idleDays"/> ago, with a next activity planned.</summary>
    public static DealBuilder Deal(string id, double idleDays, string owner = "u1") => new DealBuilder()
        .WithConnection(Connection)
        .WithId(id)
        .WithName($"Deal {id}")
        .InStage("sales", "new")
        .WithOwner(owner)
        .CreatedAt(Now.AddDays(-400))
        .EnteredStageAt(Now.AddDays(-idleDays))
        .WithActivity(null, Now.AddDays(3));

    public static CemeteryScan Scan(IEnumerable<Deal> deals, CemeteryOptions? options = null, CrmCapabilities? capabilities = null, DateTimeOffset? now = null)
    {
        var evaluator = new CemeteryEvaluator(ConnectionOptions(), capabilities ?? FullCapabilities, Pipelines, Owners, options ?? new CemeteryOptions(), now ?? Now);
        foreach (var deal in deals)
        {
            evaluator.Add(deal, null);
        }

        return evaluator.Complete();
    }
}
