using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Sync;
using CrmBridge.Core.Writes;
using CrmBridge.TestKit;

namespace CrmBridge.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="ICrmStore"/> must do. Each test works on its own connection name, so a backend may share one
/// migrated database across the tests of a class. A backend whose tests need a guard overrides every test with its own
/// fact attribute (see PostgresCrmStoreTests); the others inherit the plain facts.
/// </summary>
public abstract class CrmStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 15, 30, 123, 456, TimeSpan.Zero);

    private readonly List<ICrmStore> _stores = [];
    private ICrmStore? _store;

    protected string Connection { get; } = "c" + Guid.NewGuid().ToString("N")[..12];

    protected ICrmStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    public async Task InitializeAsync() => _store = Track(await CreateMigratedStoreAsync());

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        await DisposeBackendAsync();
    }

    [Fact]
    public virtual async Task MigrateAsync_CalledAgain_KeepsSchemaAndData()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1")], Context(), default));

        await Store.MigrateAsync(default);
        await Store.MigrateAsync(default);

        Assert.NotNull(await Store.GetDealAsync(Connection, "1", default));
    }

    [Fact]
    public virtual async Task MigrateAsync_TwoStoresOnANewDatabaseAtOnce_BothSucceed()
    {
        var open = await CreateDatabaseAsync();
        var first = Track(open());
        var second = Track(open());

        await Task.WhenAll(first.MigrateAsync(default), second.MigrateAsync(default));

        await using var tx = await second.BeginAsync(default);
        var result = await tx.UpsertDealsAsync([NewDeal("1")], Context(), default);
        await tx.CommitAsync(default);
        Assert.Equal(1, result.Inserted);
        Assert.NotNull(await first.GetDealAsync(Connection, "1", default));
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_NewDeals_StoresEveryMember()
    {
        var full = new Deal
        {
            Connection = Connection,
            ExternalId = "d-1",
            Name = "Орион Тех - внедрение",
            PipelineId = "sales",
            StageId = "proposal",
            Amount = 1234567.89m,
            Currency = "RUB",
            OwnerId = "u-7",
            CompanyId = "co-1",
            ContactIds = ["p-2", "p-1"],
            CreatedAt = T0,
            UpdatedAt = T0.AddHours(1),
            StageEnteredAt = T0.AddMinutes(30),
            LastActivityAt = T0.AddDays(-1),
            NextActivityAt = T0.AddDays(2),
            Status = DealStatus.Lost,
            ClosedAt = T0.AddHours(2),
            LostReason = "budget",
            Fields = new Dictionary<string, string?> { ["deal.source"] = "web", ["deal.note"] = null, ["deal.quote"] = "a \"b\" \\ c" },
        };
        var minimal = NewDeal("d-2");

        var result = await WriteAsync(tx => tx.UpsertDealsAsync([full, minimal], Context(), default));

        Assert.Equal(new DealUpsertResult(2, 0, 0, 2), result);
        DealAssert.Equal(full, await Store.GetDealAsync(Connection, "d-1", default));
        DealAssert.Equal(minimal, await Store.GetDealAsync(Connection, "d-2", default));
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_TimeWithOffset_StoresTheSameInstantInUtc()
    {
        var moscow = new DateTimeOffset(2026, 3, 2, 13, 15, 30, 123, 456, TimeSpan.FromHours(3));
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1") with { CreatedAt = moscow }], Context(), default));

        var stored = await Store.GetDealAsync(Connection, "1", default);

        Assert.Equal(T0, stored!.CreatedAt);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_NewDeal_RecordsTransitionFromNull()
    {
        var deal = NewDeal("1") with { StageEnteredAt = T0.AddDays(-3) };

        await WriteAsync(tx => tx.UpsertDealsAsync([deal], Context(T0.AddMinutes(5)), default));

        var transition = Assert.Single(await Store.GetStageTransitionsAsync(Connection, "1", default));
        Assert.Equal(new StageTransition(Connection, "1", "sales", null, "qualified", T0.AddMinutes(5), T0.AddDays(-3)), transition);
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_SameContentAgain_CountsUnchangedWithoutTransition()
    {
        var deals = new[] { NewDeal("1"), NewDeal("2") };
        await WriteAsync(tx => tx.UpsertDealsAsync(deals, Context(), default));

        var result = await WriteAsync(tx => tx.UpsertDealsAsync(deals, Context(T0.AddHours(1)), default));

        Assert.Equal(new DealUpsertResult(0, 0, 2, 0), result);
        Assert.Equal(2, (await Store.GetStageTransitionsAsync(Connection, null, default)).Count);
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_StageChanged_RecordsTransitionFromStoredStage()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1"), NewDeal("2")], Context(), default));
        var moved = NewDeal("1") with { StageId = "proposal", StageEnteredAt = T0.AddMinutes(50), UpdatedAt = T0.AddMinutes(50) };

        var result = await WriteAsync(tx => tx.UpsertDealsAsync([moved, NewDeal("2")], Context(T0.AddHours(1)), default));

        Assert.Equal(new DealUpsertResult(0, 1, 1, 1), result);
        var transitions = await Store.GetStageTransitionsAsync(Connection, "1", default);
        Assert.Equal(
            [
                new StageTransition(Connection, "1", "sales", null, "qualified", T0, null),
                new StageTransition(Connection, "1", "sales", "qualified", "proposal", T0.AddHours(1), T0.AddMinutes(50)),
            ],
            transitions);
        Assert.Equal("proposal", (await Store.GetDealAsync(Connection, "1", default))!.StageId);
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_OtherMemberChanged_UpdatesWithoutTransition()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1")], Context(), default));
        var changed = new DealBuilder().WithConnection(Connection).WithId("1").WithAmount(500m).WithField("deal.source", "fair").Build();

        var result = await WriteAsync(tx => tx.UpsertDealsAsync([changed], Context(T0.AddHours(1)), default));

        Assert.Equal(new DealUpsertResult(0, 1, 0, 0), result);
        DealAssert.Equal(changed, await Store.GetDealAsync(Connection, "1", default));
        Assert.Single(await Store.GetStageTransitionsAsync(Connection, "1", default));
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_RemovedDealReappears_IsRestored()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1")], Context(), default));
        await WriteAsync(tx => tx.RemoveDealsAsync(Connection, ["1"], T0.AddHours(1), default));

        var result = await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1")], Context(T0.AddHours(2)), default));

        Assert.Equal(new DealUpsertResult(0, 1, 0, 0), result);
        DealAssert.Equal(NewDeal("1"), await Store.GetDealAsync(Connection, "1", default));
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_SameIdTwiceInOneBatch_KeepsTheLaterCopy()
    {
        var later = NewDeal("1") with { Name = "later", StageId = "proposal" };

        var result = await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1"), later], Context(), default));

        Assert.Equal(new DealUpsertResult(1, 0, 0, 1), result);
        DealAssert.Equal(later, await Store.GetDealAsync(Connection, "1", default));
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_LargeBatch_CountsEveryOutcome()
    {
        var deals = Enumerable.Range(0, 3000).Select(i => NewDeal(i.ToString("D5")) with { ContactIds = [$"p{i}"] }).ToList();
        await WriteAsync(tx => tx.UpsertDealsAsync(deals, Context(), default));
        var next = deals.Select((d, i) => i % 100 == 0 ? d with { StageId = "proposal" } : i % 100 == 1 ? d with { Name = "renamed" } : d)
            .Append(NewDeal("new")).ToList();

        var result = await WriteAsync(tx => tx.UpsertDealsAsync(next, Context(T0.AddHours(1)), default));

        Assert.Equal(new DealUpsertResult(1, 60, 2940, 31), result);
        Assert.Equal(3001, await Store.CountDealsAsync(new DealQuery(Connection), default));
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_EmptyBatch_ChangesNothing()
    {
        var result = await WriteAsync(tx => tx.UpsertDealsAsync([], Context(), default));

        Assert.Equal(DealUpsertResult.Empty, result);
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_UnchangedDealInALaterRun_CountsAsSeenByThatRun()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1"), NewDeal("2")], Context(T0, "run-1"), default));
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1")], Context(T0.AddHours(1), "run-2"), default));

        var removed = await WriteAsync(tx => tx.RemoveDealsNotSeenInRunAsync(Connection, "run-2", T0.AddHours(2), default));

        Assert.Equal(1, removed);
        Assert.NotNull(await Store.GetDealAsync(Connection, "1", default));
        Assert.Null(await Store.GetDealAsync(Connection, "2", default));
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_WithoutRunId_KeepsTheRunThatLastSawTheDeal()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1")], Context(T0, "run-1"), default));
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1") with { Name = "changed" }], Context(T0.AddHours(1)), default));

        var removed = await WriteAsync(tx => tx.RemoveDealsNotSeenInRunAsync(Connection, "run-1", T0.AddHours(2), default));

        Assert.Equal(0, removed);
    }

    [Fact]
    public virtual async Task UpsertDealsAsync_ContactsChanged_ReplacesTheLinks()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1") with { ContactIds = ["p1", "p2"] }], Context(), default));

        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1") with { ContactIds = ["p2", "p3", "p3"] }], Context(), default));

        Assert.Equal(["p2", "p3"], (await Store.GetMissingRelatedIdsAsync(Connection, default)).ContactIds);
        Assert.Equal(["p2", "p3", "p3"], (await Store.GetDealAsync(Connection, "1", default))!.ContactIds);
    }

    [Fact]
    public virtual async Task GetDealAsync_UnknownDeal_ReturnsNull()
    {
        Assert.Null(await Store.GetDealAsync(Connection, "missing", default));
    }

    [Fact]
    public virtual async Task Reads_AfterRemoval_SkipRemovedDeals()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1"), NewDeal("2") with { CompanyId = "co-9" }], Context(), default));

        await WriteAsync(tx => tx.RemoveDealsAsync(Connection, ["2"], T0.AddHours(1), default));

        Assert.Null(await Store.GetDealAsync(Connection, "2", default));
        Assert.Equal(1, await Store.CountDealsAsync(new DealQuery(Connection), default));
        Assert.Equal(["1"], await Stream(new DealQuery(Connection)).Select(d => d.ExternalId).ToListAsync());
        Assert.Empty((await Store.GetMissingRelatedIdsAsync(Connection, default)).CompanyIds);
    }

    [Fact]
    public virtual async Task StreamDealsAsync_SeveralConnections_OrdersByConnectionThenExternalId()
    {
        var other = Connection + "-b";
        await WriteAsync(tx => tx.UpsertDealsAsync(
            [NewDeal("2", other), NewDeal("10"), NewDeal("1", other), NewDeal("2"), NewDeal("1")],
            Context(),
            default));

        var keys = await Stream(DealQuery.All)
            .Where(d => d.Connection.StartsWith(Connection, StringComparison.Ordinal))
            .Select(d => $"{d.Connection[Connection.Length..]}/{d.ExternalId}")
            .ToListAsync();

        Assert.Equal(["/1", "/10", "/2", "-b/1", "-b/2"], keys);
    }

    [Fact]
    public virtual async Task StreamDealsAsync_WithFilters_ReturnsMatchingDealsOnly()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync(
            [
                NewDeal("1"),
                NewDeal("2") with { Status = DealStatus.Won },
                NewDeal("3") with { PipelineId = "cs", StageId = "onboarding" },
                NewDeal("4", Connection + "-b"),
            ],
            Context(),
            default));

        Assert.Equal(["1", "2", "3"], await Ids(new DealQuery(Connection)));
        Assert.Equal(["1", "2"], await Ids(new DealQuery(Connection, PipelineId: "sales")));
        Assert.Equal(["2"], await Ids(new DealQuery(Connection, Status: DealStatus.Won)));
        Assert.Equal(["1"], await Ids(new DealQuery(Connection, "sales", DealStatus.Open)));
        Assert.Equal(1, await Store.CountDealsAsync(new DealQuery(Connection, "sales", DealStatus.Open), default));
        Assert.Equal(3, await Store.CountDealsAsync(new DealQuery(Connection), default));

        async Task<List<string>> Ids(DealQuery query) => await Stream(query).Select(d => d.ExternalId).ToListAsync();
    }

    [Fact]
    public virtual async Task ReplacePipelinesAsync_CalledAgain_ReplacesPipelinesAndStages()
    {
        await WriteAsync(tx => tx.ReplacePipelinesAsync(Connection, [NewPipeline("old", 0, "s1")], default));
        var sales = new Pipeline(Connection, "sales", "Sales", 0,
        [
            new Stage("won", "sales", "Won", 3, StageOutcome.Won),
            new Stage("new", "sales", "New", 1, StageOutcome.Open),
            new Stage("lost", "sales", "Lost", 4, StageOutcome.Lost),
        ]);
        var cs = NewPipeline("cs", 1, "kickoff");

        await WriteAsync(tx => tx.ReplacePipelinesAsync(Connection, [cs, sales], default));

        var pipelines = await Store.GetPipelinesAsync(Connection, default);
        Assert.Equal(["sales", "cs"], pipelines.Select(p => p.ExternalId));
        Assert.Equal(("Sales", 0), (pipelines[0].Name, pipelines[0].Order));
        Assert.Equal(sales.Stages.OrderBy(s => s.Order), pipelines[0].Stages);
        Assert.Equal(cs.Stages, pipelines[1].Stages);
    }

    [Fact]
    public virtual async Task ReplacePipelinesAsync_SameStageIdInTwoPipelines_KeepsBoth()
    {
        // amoCRM gives every pipeline the same ids for won (142) and lost (143).
        await WriteAsync(tx => tx.ReplacePipelinesAsync(Connection, [NewPipeline("a", 0, "142"), NewPipeline("b", 1, "142")], default));

        var pipelines = await Store.GetPipelinesAsync(Connection, default);

        Assert.Equal([new Stage("142", "a", "142", 0, StageOutcome.Open)], pipelines[0].Stages);
        Assert.Equal([new Stage("142", "b", "142", 0, StageOutcome.Open)], pipelines[1].Stages);
    }

    [Fact]
    public virtual async Task ReplaceOwnersAsync_CalledAgain_ReplacesOwners()
    {
        await WriteAsync(tx => tx.ReplaceOwnersAsync(Connection, [new Owner(Connection, "u1", "Anna", "anna@x.io")], default));

        await WriteAsync(tx => tx.ReplaceOwnersAsync(Connection, [new Owner(Connection, "u3", "Boris", null), new Owner(Connection, "u2", "Vera", "v@x.io")], default));

        Assert.Equal(
            [new Owner(Connection, "u2", "Vera", "v@x.io"), new Owner(Connection, "u3", "Boris", null)],
            await Store.GetOwnersAsync(Connection, default));
    }

    [Fact]
    public virtual async Task UpsertCompaniesAsync_NewThenChanged_StoresTheLatest()
    {
        var company = new Company
        {
            Connection = Connection,
            ExternalId = "co-1",
            Name = "Orion",
            Website = "orion-tech.ru",
            Inn = "7701234567",
            Industry = "IT",
            Phone = "+7 495 000-00-00",
            UpdatedAt = T0,
            Fields = new Dictionary<string, string?> { ["company.segment"] = "smb" },
        };
        await WriteAsync(tx => tx.UpsertCompaniesAsync([company, NewCompany("co-2")], default));
        var changed = company with { Name = "Orion Tech", Website = null, UpdatedAt = T0.AddDays(1) };

        await WriteAsync(tx => tx.UpsertCompaniesAsync([changed], default));

        var stored = await Store.GetCompaniesAsync(Connection, ["co-1", "co-3"], default);
        var only = Assert.Single(stored);
        Assert.Equal(changed with { Fields = only.Fields }, only);
        Assert.Equal(changed.Fields, only.Fields);
        Assert.Equal(["co-1", "co-2"], (await Store.GetCompaniesAsync(Connection, ["co-2", "co-1"], default)).Select(c => c.ExternalId));
        Assert.Empty(await Store.GetCompaniesAsync(Connection, [], default));
    }

    [Fact]
    public virtual async Task UpsertContactsAsync_NewThenChanged_StoresTheLatest()
    {
        var contact = new Contact
        {
            Connection = Connection,
            ExternalId = "p-1",
            FullName = "Анна Петрова",
            Position = "CFO",
            Role = ContactRole.DecisionMaker,
            Email = "anna@orion.ru",
            Phone = "+7 900 000-00-00",
            CompanyId = "co-1",
            UpdatedAt = T0,
            Fields = new Dictionary<string, string?> { ["contact.telegram"] = "@anna" },
        };
        await WriteAsync(tx => tx.UpsertContactsAsync([contact, NewContact("p-2")], default));
        var changed = contact with { Role = ContactRole.Champion, Email = null };

        await WriteAsync(tx => tx.UpsertContactsAsync([changed], default));

        var stored = await Store.GetContactsAsync(Connection, ["p-1", "p-2"], default);
        Assert.Equal(["p-1", "p-2"], stored.Select(c => c.ExternalId));
        Assert.Equal(changed with { Fields = stored[0].Fields }, stored[0]);
        Assert.Equal(changed.Fields, stored[0].Fields);
        Assert.Equal(NewContact("p-2") with { Fields = stored[1].Fields }, stored[1]);
    }

    [Fact]
    public virtual async Task GetMissingRelatedIdsAsync_MirrorLacksSome_ReturnsOnlyTheAbsentIds()
    {
        await WriteAsync(async tx =>
        {
            await tx.UpsertDealsAsync(
                [
                    NewDeal("1") with { CompanyId = "co-1", ContactIds = ["p-1", "p-2"] },
                    NewDeal("2") with { CompanyId = "co-2", ContactIds = ["p-2", "p-3"] },
                    NewDeal("3") with { CompanyId = "co-gone", ContactIds = ["p-gone"] },
                    NewDeal("4", Connection + "-b") with { CompanyId = "co-other", ContactIds = ["p-other"] },
                ],
                Context(),
                default);
            await tx.UpsertCompaniesAsync([NewCompany("co-1")], default);
            await tx.UpsertContactsAsync([NewContact("p-1")], default);
            await tx.RemoveDealsAsync(Connection, ["3"], T0, default);
        });

        var missing = await Store.GetMissingRelatedIdsAsync(Connection, default);

        Assert.Equal(["co-2"], missing.CompanyIds);
        Assert.Equal(["p-2", "p-3"], missing.ContactIds);
    }

    [Fact]
    public virtual async Task RemoveDealsAsync_SomeUnknownOrRemoved_CountsOnlyPresentDeals()
    {
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1"), NewDeal("2"), NewDeal("3")], Context(), default));
        await WriteAsync(tx => tx.RemoveDealsAsync(Connection, ["1"], T0, default));

        var removed = await WriteAsync(tx => tx.RemoveDealsAsync(Connection, ["1", "2", "missing"], T0.AddHours(1), default));

        Assert.Equal(1, removed);
        Assert.Equal(["3"], await Stream(new DealQuery(Connection)).Select(d => d.ExternalId).ToListAsync());
    }

    [Fact]
    public virtual async Task RemoveDealsNotSeenInRunAsync_AfterFullRun_RemovesOnlyUnseenDealsOfTheConnection()
    {
        var other = Connection + "-b";
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1"), NewDeal("2"), NewDeal("1", other)], Context(T0, "run-1"), default));
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("3")], Context(T0), default));
        await WriteAsync(tx => tx.UpsertDealsAsync([NewDeal("1") with { Name = "seen" }], Context(T0.AddHours(1), "run-2"), default));

        var removed = await WriteAsync(tx => tx.RemoveDealsNotSeenInRunAsync(Connection, "run-2", T0.AddHours(2), default));

        Assert.Equal(2, removed);
        Assert.Equal(["1"], await Stream(new DealQuery(Connection)).Select(d => d.ExternalId).ToListAsync());
        Assert.NotNull(await Store.GetDealAsync(other, "1", default));
    }

    [Fact]
    public virtual async Task SaveCursorAsync_SavedTwice_ReturnsTheLatestWithEveryMember()
    {
        var first = new SyncCursor(Connection, SyncCursor.DealsEntity, "run-1", true, true, null, "page-2", null, T0, T0.AddSeconds(-1), null, null);
        var second = new SyncCursor(Connection, SyncCursor.DealsEntity, "run-2", false, false, T0.AddMinutes(-15), null, T0.AddMinutes(1), T0.AddMinutes(2), T0.AddMinutes(3), T0.AddMinutes(4), T0.AddMinutes(5));
        await WriteAsync(tx => tx.SaveCursorAsync(first, default));
        Assert.Equal(first, await Store.GetCursorAsync(Connection, SyncCursor.DealsEntity, default));

        await WriteAsync(tx => tx.SaveCursorAsync(second, default));

        Assert.Equal(second, await Store.GetCursorAsync(Connection, SyncCursor.DealsEntity, default));
        Assert.Null(await Store.GetCursorAsync(Connection, "companies", default));
    }

    [Fact]
    public virtual async Task AddAuditEntryAsync_NewEntry_ReturnsItsIdAndStoresEveryMember()
    {
        var entry = NewAudit("k1") with
        {
            EntityId = "d-1",
            Before = """{"stage":"qualified"}""",
            After = """{ "stage" : "proposal" }""",
            Error = "none",
            CompletedAt = T0.AddSeconds(1),
        };

        var firstId = await WriteAsync(tx => tx.AddAuditEntryAsync(entry, default));
        var secondId = await WriteAsync(tx => tx.AddAuditEntryAsync(NewAudit("k2"), default));

        Assert.True(secondId > firstId);
        Assert.Equal(entry with { Id = firstId }, await Store.GetAuditEntryAsync(firstId, default));
        Assert.Null(await Store.GetAuditEntryAsync(secondId + 1000, default));
    }

    [Fact]
    public virtual async Task CompleteAuditEntryAsync_PendingEntry_RecordsTheResult()
    {
        var id = await WriteAsync(tx => tx.AddAuditEntryAsync(NewAudit("k1"), default));

        await WriteAsync(async tx =>
        {
            await tx.CompleteAuditEntryAsync(id, AuditOutcome.Succeeded, "d-9", """{"id":"d-9"}""", null, T0.AddSeconds(3), default);
        });

        var stored = await Store.GetAuditEntryAsync(id, default);
        Assert.Equal(NewAudit("k1") with { Id = id, Outcome = AuditOutcome.Succeeded, EntityId = "d-9", After = """{"id":"d-9"}""", CompletedAt = T0.AddSeconds(3) }, stored);
    }

    [Fact]
    public virtual async Task CompleteAuditEntryAsync_FailureWithoutResult_KeepsTheIntentValues()
    {
        var intent = NewAudit("k1") with { EntityId = "d-1", After = """{"stage":"won"}""" };
        var id = await WriteAsync(tx => tx.AddAuditEntryAsync(intent, default));

        await WriteAsync(async tx =>
        {
            await tx.CompleteAuditEntryAsync(id, AuditOutcome.Failed, null, null, "422 VALIDATION_ERROR", T0.AddSeconds(3), default);
        });

        var stored = await Store.GetAuditEntryAsync(id, default);
        Assert.Equal(intent with { Id = id, Outcome = AuditOutcome.Failed, Error = "422 VALIDATION_ERROR", CompletedAt = T0.AddSeconds(3) }, stored);
    }

    [Fact]
    public virtual async Task GetAuditEntriesAsync_WithFilters_ReturnsMatchingEntriesNewestFirst()
    {
        var other = Connection + "-b";
        var ids = new List<long>();
        foreach (var entry in new[]
        {
            NewAudit("k1", T0) with { Outcome = AuditOutcome.Succeeded },
            NewAudit("k2", T0.AddMinutes(2)),
            NewAudit("k1", T0.AddMinutes(1)) with { Outcome = AuditOutcome.Failed },
            NewAudit("k3", T0.AddMinutes(3)) with { Connection = other },
        })
        {
            ids.Add(await WriteAsync(tx => tx.AddAuditEntryAsync(entry, default)));
        }

        Assert.Equal([ids[1], ids[2], ids[0]], await AuditIds(new AuditQuery(Connection)));
        Assert.Equal([ids[2], ids[0]], await AuditIds(new AuditQuery(Connection, "k1")));
        Assert.Equal([ids[0]], await AuditIds(new AuditQuery(Connection, "k1", Outcome: AuditOutcome.Succeeded)));
        Assert.Equal([ids[1], ids[2]], await AuditIds(new AuditQuery(Connection, Since: T0.AddMinutes(1))));
        Assert.Equal([ids[1]], await AuditIds(new AuditQuery(Connection, Limit: 1)));
        Assert.Equal([ids[3]], await AuditIds(new AuditQuery(other)));
        Assert.Equal([ids[3], ids[1]], await AuditIds(new AuditQuery(Since: T0.AddMinutes(2), Limit: 2)));

        async Task<List<long>> AuditIds(AuditQuery query) =>
            [.. (await Store.GetAuditEntriesAsync(query, default))
                .Where(e => e.Connection.StartsWith(Connection, StringComparison.Ordinal))
                .Select(e => e.Id)];
    }

    [Fact]
    public virtual async Task BeginAsync_DisposedWithoutCommit_RollsEverythingBack()
    {
        await using (var tx = await Store.BeginAsync(default))
        {
            await tx.UpsertDealsAsync([NewDeal("1")], Context(), default);
            await tx.UpsertCompaniesAsync([NewCompany("co-1")], default);
            await tx.SaveCursorAsync(new SyncCursor(Connection, SyncCursor.DealsEntity, "r", true, true, null, null, null, null, T0, null, null), default);
            await tx.AddAuditEntryAsync(NewAudit("rolled-back"), default);
        }

        Assert.Null(await Store.GetDealAsync(Connection, "1", default));
        Assert.Empty(await Store.GetCompaniesAsync(Connection, ["co-1"], default));
        Assert.Null(await Store.GetCursorAsync(Connection, SyncCursor.DealsEntity, default));
        Assert.Empty(await Store.GetStageTransitionsAsync(Connection, null, default));
        Assert.Empty(await Store.GetAuditEntriesAsync(new AuditQuery(Connection), default));
    }

    [Fact]
    public virtual async Task BeginAsync_Committed_IsVisibleToReads()
    {
        await using var tx = await Store.BeginAsync(default);
        await tx.UpsertDealsAsync([NewDeal("1")], Context(), default);
        Assert.Null(await Store.GetDealAsync(Connection, "1", default));

        await tx.CommitAsync(default);

        Assert.NotNull(await Store.GetDealAsync(Connection, "1", default));
    }

    [Fact]
    public virtual async Task BeginAsync_ConcurrentWritersOnTwoStores_AllCommit()
    {
        var open = await CreateDatabaseAsync();
        var stores = new[] { Track(open()), Track(open()) };
        await stores[0].MigrateAsync(default);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await using var tx = await stores[i % 2].BeginAsync(default);
            await tx.UpsertDealsAsync([NewDeal($"{i:D2}-a"), NewDeal($"{i:D2}-b")], Context(), default);
            await tx.AddAuditEntryAsync(NewAudit($"k{i}"), default);
            await tx.CommitAsync(default);
        }));

        Assert.Equal(40, await stores[1].CountDealsAsync(new DealQuery(Connection), default));
        Assert.Equal(20, (await stores[0].GetAuditEntriesAsync(new AuditQuery(Connection), default)).Count);
    }

    /// <summary>A migrated store over the database the class's tests share.</summary>
    protected abstract Task<ICrmStore> CreateMigratedStoreAsync();

    /// <summary>Creates a new empty database and returns a factory of (unmigrated) stores over it.</summary>
    protected abstract Task<Func<ICrmStore>> CreateDatabaseAsync();

    protected virtual Task DisposeBackendAsync() => Task.CompletedTask;

    protected ICrmStore Track(ICrmStore store)
    {
        _stores.Add(store);
        return store;
    }

    protected Deal NewDeal(string id, string? connection = null) =>
        new DealBuilder().WithConnection(connection ?? Connection).WithId(id).Build();

    protected Company NewCompany(string id) => new() { Connection = Connection, ExternalId = id, Name = "Company " + id };

    protected Contact NewContact(string id) => new() { Connection = Connection, ExternalId = id, FullName = "Contact " + id };

    protected AuditEntry NewAudit(string key, DateTimeOffset? requestedAt = null) => new()
    {
        Connection = Connection,
        Operation = AuditOperation.UpdateDeal,
        EntityType = "deal",
        IdempotencyKey = key,
        Actor = "hygiene-sweep",
        Outcome = AuditOutcome.Pending,
        RequestedAt = requestedAt ?? T0,
    };

    protected static DealUpsertContext Context(DateTimeOffset? observedAt = null, string? runId = null) => new(observedAt ?? T0, runId);

    protected async Task<T> WriteAsync<T>(Func<IStoreTransaction, Task<T>> write)
    {
        await using var tx = await Store.BeginAsync(default);
        var result = await write(tx);
        await tx.CommitAsync(default);
        return result;
    }

    protected async Task WriteAsync(Func<IStoreTransaction, Task> write)
    {
        await using var tx = await Store.BeginAsync(default);
        await write(tx);
        await tx.CommitAsync(default);
    }

    protected IAsyncEnumerable<Deal> Stream(DealQuery query) => Store.StreamDealsAsync(query, default);

    private Pipeline NewPipeline(string id, int order, string stageId) =>
        new(Connection, id, "Pipeline " + id, order, [new Stage(stageId, id, stageId, 0, StageOutcome.Open)]);
}
