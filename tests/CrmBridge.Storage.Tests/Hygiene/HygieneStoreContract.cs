using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Storage.Tests.Contract;
using CrmBridge.TestKit;

namespace CrmBridge.Storage.Tests.Hygiene;

/// <summary>
/// What every <see cref="IHygieneStore"/> must do: a sweep's findings land together or not at all, an unchanged
/// finding keeps its first-seen time, a finding not seen again resolves, a resolved one that comes back is a new row
/// and the old one stays as history. Each test works on its own connection name; backends override every test to
/// carry their own fact attribute.
/// </summary>
public abstract class HygieneStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, 123, 456, TimeSpan.Zero);

    private readonly List<ICrmStore> _stores = [];

    protected string Connection { get; } = "c" + Guid.NewGuid().ToString("N")[..12];

    protected IHygieneStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var store = await CreateMigratedStoreAsync();
        _stores.Add(store);
        Store = (IHygieneStore)store;
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Fact]
    public virtual async Task Sweep_NewFindings_AreStoredWithEveryMemberAndCountedAsOpened()
    {
        var finding = Finding("d1", "naming", fix: "orion.ru - Орион");

        var record = await SweepAsync("s1", T0, finding, Finding("d2", "required-fields", field: "deal.amount"));

        Assert.Equal((2L, 2L, 0L), (record.Findings, record.Opened, record.Resolved));
        var stored = await OpenAsync();
        Assert.Equal(2, stored.Count);
        var read = stored[0];
        Assert.True(read.Id > 0);
        Assert.Equal(finding with { Id = read.Id, FirstSeenAt = T0, LastSeenAt = T0 }, read);
    }

    [Fact]
    public virtual async Task Sweep_SameFindingAgain_KeepsItsFirstSeenAndIdAndOpensNothing()
    {
        await SweepAsync("s1", T0, Finding("d1", "naming"));
        var first = Assert.Single(await OpenAsync());

        var record = await SweepAsync("s2", T0.AddDays(1), Finding("d1", "naming"));

        Assert.Equal((1L, 0L, 0L), (record.Findings, record.Opened, record.Resolved));
        var again = Assert.Single(await OpenAsync());
        Assert.Equal((first.Id, T0), (again.Id, again.FirstSeenAt));
    }

    [Fact]
    public virtual async Task Sweep_ChangedDetail_UpdatesTheOpenFinding()
    {
        await SweepAsync("s1", T0, Finding("d1", "naming", detail: "old"));

        await SweepAsync("s2", T0.AddDays(1), Finding("d1", "naming", detail: "new") with { OwnerId = "o2" });

        var open = Assert.Single(await OpenAsync());
        Assert.Equal(("new", "o2", T0, T0.AddDays(1)), (open.Detail, open.OwnerId, open.FirstSeenAt, open.LastSeenAt));
    }

    [Fact]
    public virtual async Task Sweep_FindingNotSeenAgain_ResolvesAndStaysAsHistory()
    {
        await SweepAsync("s1", T0, Finding("d1", "naming"), Finding("d2", "naming"));

        var record = await SweepAsync("s2", T0.AddDays(1), Finding("d2", "naming"));

        Assert.Equal(1, record.Resolved);
        Assert.Equal("d2", Assert.Single(await OpenAsync()).DealId);
        var history = await ReadAsync(new HygieneFindingQuery(Connection, OpenOnly: false, DealId: "d1"));
        Assert.Equal(T0.AddDays(1), Assert.Single(history).ResolvedAt);
    }

    [Fact]
    public virtual async Task Sweep_ResolvedFindingComesBack_IsANewFindingBesideTheOldOne()
    {
        await SweepAsync("s1", T0, Finding("d1", "naming"));
        await SweepAsync("s2", T0.AddDays(1));

        var record = await SweepAsync("s3", T0.AddDays(2), Finding("d1", "naming"));

        Assert.Equal(1, record.Opened);
        var history = await ReadAsync(new HygieneFindingQuery(Connection, OpenOnly: false));
        Assert.Equal(2, history.Count);
        Assert.Equal([T0.AddDays(1), null], history.Select(f => f.ResolvedAt));
        Assert.Equal(T0.AddDays(2), history[1].FirstSeenAt);
    }

    [Fact]
    public virtual async Task Sweep_DisposedWithoutCompleting_LeavesThePreviousStateUntouched()
    {
        await SweepAsync("s1", T0, Finding("d1", "naming"));

        await using (var writer = await Store.BeginSweepAsync(new HygieneSweepStart("s2", Connection, T0.AddDays(1)), default))
        {
            await writer.AddFindingsAsync([Finding("d2", "naming"), Finding("d3", "naming")], default);
        }

        Assert.Equal("d1", Assert.Single(await OpenAsync()).DealId);
        Assert.Equal("s1", Assert.Single(await Store.GetSweepsAsync(Connection, 10, default)).SweepId);
    }

    [Fact]
    public virtual async Task Sweep_ManyFindingsInBatches_AreAllStoredOnce()
    {
        var findings = Enumerable.Range(0, 2500).Select(i => Finding($"d{i:D5}", "naming")).ToList();
        await using (var writer = await Store.BeginSweepAsync(new HygieneSweepStart("s1", Connection, T0), default))
        {
            await writer.AddFindingsAsync(findings[..1000], default);
            await writer.AddFindingsAsync([.. findings[1000..], findings[0]], default);
            var record = await writer.CompleteAsync(Totals(T0, 2500), default);
            Assert.Equal(2500, record.Opened);
        }

        Assert.Equal(2500, (await OpenAsync()).Count);
        Assert.Equal(10, (await ReadAsync(new HygieneFindingQuery(Connection, Limit: 10))).Count);
    }

    [Fact]
    public virtual async Task Sweep_OtherConnections_AreNotTouched()
    {
        var other = Connection + "x";
        await using (var writer = await Store.BeginSweepAsync(new HygieneSweepStart("o1", other, T0), default))
        {
            await writer.AddFindingsAsync([Finding("d1", "naming") with { Connection = other }], default);
            await writer.CompleteAsync(Totals(T0, 1), default);
        }

        await SweepAsync("s1", T0.AddDays(1));

        Assert.Single(await ReadAsync(new HygieneFindingQuery(other)));
    }

    [Fact]
    public virtual async Task GetSweepsAsync_NewestFirst_WithFieldHealth()
    {
        await SweepAsync("s1", T0);
        var health = new HygieneFieldHealth("deal.source", 10, 6, 0.6, IsLongTail: false, IsZoo: true, [new HygieneValueShape("text", 4, "web"), new HygieneValueShape("date yyyy-mm-dd", 2, "2024-01-05")]);
        await using (var writer = await Store.BeginSweepAsync(new HygieneSweepStart("s2", Connection, T0.AddDays(1)), default))
        {
            await writer.CompleteAsync(new HygieneSweepTotals(10, 1, 0, T0.AddDays(1).AddSeconds(3), [health]), default);
        }

        var sweeps = await Store.GetSweepsAsync(Connection, 10, default);

        Assert.Equal(["s2", "s1"], sweeps.Select(s => s.SweepId));
        Assert.Equal((10L, 1L), (sweeps[0].DealsSwept, sweeps[0].DealsSkipped));
        Assert.Equal(health with { Shapes = [] }, sweeps[0].FieldHealth[0] with { Shapes = [] });
        Assert.Equal(health.Shapes, sweeps[0].FieldHealth[0].Shapes);
    }

    [Fact]
    public virtual async Task GetNextDealIdAsync_AndStreamDealsAfterAsync_StepThroughPresentDealsInIdOrder()
    {
        var crm = (ICrmStore)Store;
        await using (var tx = await crm.BeginAsync(default))
        {
            var deals = new[] { "b", "a", "d", "c" }.Select(id => new TestKit.DealBuilder().WithConnection(Connection).WithId(id).Build()).ToList();
            await tx.UpsertDealsAsync(deals, new DealUpsertContext(T0, null), default);
            await tx.RemoveDealsAsync(Connection, ["c"], T0, default);
            await tx.CommitAsync(default);
        }

        Assert.Equal("a", await Store.GetNextDealIdAsync(Connection, null, default));
        Assert.Equal("d", await Store.GetNextDealIdAsync(Connection, "b", default));
        Assert.Null(await Store.GetNextDealIdAsync(Connection, "d", default));
        var after = new List<string>();
        await foreach (var deal in Store.StreamDealsAfterAsync(Connection, "a", default))
        {
            after.Add(deal.ExternalId);
        }

        Assert.Equal(["b", "d"], after);
    }

    [Fact]
    public virtual async Task StreamSweepDealsAsync_AllMembers_ReadsWhatTheSharedReadPathReads()
    {
        await UpsertAsync(SweepDeals());
        var expected = new List<Deal>();
        await foreach (var deal in ((ICrmStore)Store).StreamDealsAsync(new DealQuery(Connection), default))
        {
            expected.Add(deal);
        }

        var read = await SweepReadAsync(null, HygieneDealMembers.All);

        Assert.Equal(["a", "b", "d", "e"], read.Select(d => d.ExternalId));
        DealAssert.Equal(expected, read);
    }

    [Fact]
    public virtual async Task StreamSweepDealsAsync_NoOptionalMembers_LeavesThemAtDefaultsAndResumesAfterAnId()
    {
        var deals = SweepDeals();
        await UpsertAsync(deals);

        var read = await SweepReadAsync(null, HygieneDealMembers.None);
        var after = await SweepReadAsync("a", HygieneDealMembers.None);

        Assert.Equal(["b", "d", "e"], after.Select(d => d.ExternalId));
        var expected = deals.Where(d => d.ExternalId != "c").Select(d => d with
        {
            Amount = d.Amount is null ? null : 0m,
            Currency = null,
            CreatedAt = default,
            UpdatedAt = default,
            StageEnteredAt = null,
            LastActivityAt = null,
            NextActivityAt = null,
            ClosedAt = null,
        }).ToList();
        DealAssert.Equal(expected, read);
    }

    [Fact]
    public virtual async Task StreamSweepDealsAsync_UnreadableRows_FailAsTheSharedReadPathDoes()
    {
        await UpsertAsync(SweepDeals());
        await ExecuteSqlAsync($"UPDATE deals SET fields = '{{\"deal.source\": 5}}' WHERE connection = '{Connection}' AND external_id = 'b'");
        await ExecuteSqlAsync($"UPDATE deals SET status = 'Zombie' WHERE connection = '{Connection}' AND external_id = 'd'");

        var sweepField = await Assert.ThrowsAnyAsync<Exception>(() => SweepReadAsync(null, HygieneDealMembers.None));
        var sharedField = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var deal in ((ICrmStore)Store).StreamDealsAsync(new DealQuery(Connection), default))
            {
                Assert.Equal("a", deal.ExternalId);
            }
        });
        var sweepStatus = await Assert.ThrowsAnyAsync<Exception>(() => SweepReadAsync("b", HygieneDealMembers.None));
        var sharedStatus = await Assert.ThrowsAnyAsync<Exception>(() => Store.StreamDealsAfterAsync(Connection, "b", default).ToListAsync().AsTask());

        Assert.IsType<InvalidOperationException>(sweepField);
        Assert.Equal(sharedField.GetType(), sweepField.GetType());
        Assert.IsType<ArgumentException>(sweepStatus);
        Assert.Equal(sharedStatus.GetType(), sweepStatus.GetType());
    }

    protected abstract Task<ICrmStore> CreateMigratedStoreAsync();

    /// <summary>Runs SQL on the store's database, to put rows there the store itself would never write.</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>Deals with every member set or unset, escapes and non-ASCII in the JSON, the same fields and contacts on two ("d", "e"), and one removed ("c").</summary>
    private List<Deal> SweepDeals() =>
    [
        new DealBuilder().WithConnection(Connection).WithId("a").WithName("орион.рф - Орион").InStage("sales", "offer").WithAmount(1823000.50m, "RUB")
            .WithOwner("o1").WithCompany("c1").WithContacts("p1", "p2").WithActivity(T0.AddDays(-3), T0.AddDays(2)).EnteredStageAt(T0.AddDays(-5))
            .WithField("deal.source", "partner \"A\"\n🚀").WithField("deal.marker", null).Build(),
        new DealBuilder().WithConnection(Connection).WithId("b").WithName("no amount").WithStatus(DealStatus.Lost).Build()
            with { LostReason = "No answer", ClosedAt = T0.AddHours(-1) },
        new DealBuilder().WithConnection(Connection).WithId("c").Build(),
        new DealBuilder().WithConnection(Connection).WithId("d").WithStatus(DealStatus.Won).WithAmount(0m, "USD").WithContacts("p1", "p2").WithField("deal.source", "web").Build(),
        new DealBuilder().WithConnection(Connection).WithId("e").WithContacts("p1", "p2").WithField("deal.source", "web").Build(),
    ];

    private async Task UpsertAsync(IReadOnlyList<Deal> deals)
    {
        var crm = (ICrmStore)Store;
        await using var tx = await crm.BeginAsync(default);
        await tx.UpsertDealsAsync(deals, new DealUpsertContext(T0, null), default);
        await tx.RemoveDealsAsync(Connection, ["c"], T0, default);
        await tx.CommitAsync(default);
    }

    private async Task<List<Deal>> SweepReadAsync(string? afterId, HygieneDealMembers members)
    {
        var result = new List<Deal>();
        await foreach (var deal in Store.StreamSweepDealsAsync(Connection, afterId, members, default))
        {
            result.Add(deal);
        }

        return result;
    }

    private HygieneFinding Finding(string dealId, string rule, string? field = "deal.name", string detail = "detail", string? fix = null) => new()
    {
        Connection = Connection,
        DealId = dealId,
        Rule = rule,
        Check = "check",
        Subject = HygieneSubjects.Deal,
        SubjectId = dealId,
        Field = field,
        Severity = HygieneSeverity.Warning,
        OwnerId = "o1",
        PipelineId = "p1",
        Detail = detail,
        FixValue = fix,
    };

    private async Task<HygieneSweepRecord> SweepAsync(string sweepId, DateTimeOffset at, params HygieneFinding[] findings)
    {
        await using var writer = await Store.BeginSweepAsync(new HygieneSweepStart(sweepId, Connection, at), default);
        await writer.AddFindingsAsync(findings, default);
        return await writer.CompleteAsync(Totals(at, findings.Length), default);
    }

    private static HygieneSweepTotals Totals(DateTimeOffset at, long findings) => new(findings, 0, findings, at, []);

    private Task<List<HygieneFinding>> OpenAsync() => ReadAsync(new HygieneFindingQuery(Connection));

    private async Task<List<HygieneFinding>> ReadAsync(HygieneFindingQuery query)
    {
        var result = new List<HygieneFinding>();
        await foreach (var finding in Store.StreamFindingsAsync(query, default))
        {
            result.Add(finding);
        }

        return result;
    }
}
