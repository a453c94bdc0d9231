using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Storage;

namespace CrmBridge.Storage.Tests.Cemetery;

/// <summary>
/// What every <see cref="ICemeteryStore"/> must do: episodes saved and ended with the run, an outbox whose idempotency
/// keys make a repeated enqueue a no-op, claims that only one sender wins, and failed messages kept (dead ones too).
/// Each test works on its own connection name; backends override every test to carry their own fact attribute.
/// </summary>
public abstract class CemeteryStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, 123, 456, TimeSpan.Zero);

    private readonly List<ICrmStore> _stores = [];

    protected string Connection { get; } = "c" + Guid.NewGuid().ToString("N")[..12];

    protected ICemeteryStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var store = await CreateMigratedStoreAsync();
        _stores.Add(store);
        Store = (ICemeteryStore)store;
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
    public virtual async Task SaveAlertRunAsync_NewEpisodes_AreReadBackWithEveryMember()
    {
        var episode = new CemeteryEpisode(Connection, "d1", T0, T0.AddMinutes(1), 1, StaleReasons.NoActivity | StaleReasons.NoNextActivity, 2, null);

        await Store.SaveAlertRunAsync(Run([episode]), default);

        Assert.Equal(episode, Assert.Single(await Store.GetOpenEpisodesAsync(Connection, default)));
    }

    [Fact]
    public virtual async Task SaveAlertRunAsync_SameEpisodeAgain_UpdatesItInPlace()
    {
        var episode = new CemeteryEpisode(Connection, "d1", T0, null, 0, StaleReasons.None, 0, null);
        await Store.SaveAlertRunAsync(Run([episode]), default);

        var alerted = episode with { LastAlertedAt = T0.AddDays(1), AlertCount = 1, AlertedReasons = StaleReasons.NoActivity, AlertedLevel = 1 };
        await Store.SaveAlertRunAsync(Run([alerted]), default);

        Assert.Equal(alerted, Assert.Single(await Store.GetOpenEpisodesAsync(Connection, default)));
    }

    [Fact]
    public virtual async Task SaveAlertRunAsync_EndedDeals_CloseOnlyTheirOpenEpisodes()
    {
        await Store.SaveAlertRunAsync(Run([Episode("d1"), Episode("d2"), Episode("d3")]), default);

        await Store.SaveAlertRunAsync(Run([], ended: ["d1", "d3", "unknown"]), default);

        Assert.Equal(["d2"], (await Store.GetOpenEpisodesAsync(Connection, default)).Select(e => e.DealId));
        Assert.Empty(await Store.GetOpenEpisodesAsync("other-" + Connection, default));
    }

    [Fact]
    public virtual async Task SaveAlertRunAsync_MessageKeyAlreadyQueued_IsNotEnqueuedTwice()
    {
        var enqueued = await Store.SaveAlertRunAsync(Run([], messages: [Message("k1"), Message("k2")]), default);
        var again = await Store.SaveAlertRunAsync(Run([], messages: [Message("k1"), Message("k3")]), default);

        Assert.Equal(2, enqueued);
        Assert.Equal(1, again);
        Assert.Equal(3, (await Store.GetMessagesAsync(new CemeteryOutboxQuery(Connection), default)).Count);
    }

    [Fact]
    public virtual async Task GetDueMessagesAsync_Pending_ReturnsDueOnesWithEveryMemberOldestFirst()
    {
        var first = Message("first");
        var later = Message("later") with { NextAttemptAt = T0.AddHours(1) };
        await Store.SaveAlertRunAsync(Run([], messages: [first, later]), default);

        var due = await Store.GetDueMessagesAsync(Connection, T0.AddMinutes(1), 10, default);

        var message = Assert.Single(due);
        Assert.True(message.Id > 0);
        Assert.Equal(first with { Id = message.Id }, message with { Parts = first.Parts });
        Assert.Equal(["part one", "part «two»"], message.Parts);
        Assert.Equal(2, (await Store.GetDueMessagesAsync(null, T0.AddHours(2), 10, default)).Count(m => m.Connection == Connection));
    }

    [Fact]
    public virtual async Task TryClaimMessageAsync_TwoClaimers_OnlyOneWinsUntilTheLeaseRunsOut()
    {
        await Store.SaveAlertRunAsync(Run([], messages: [Message("k")]), default);
        var id = Assert.Single(await Store.GetDueMessagesAsync(Connection, T0, 10, default)).Id;

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store.TryClaimMessageAsync(id, T0, T0.AddMinutes(10), default)));

        Assert.Equal(1, claims.Count(c => c));
        Assert.Empty(await Store.GetDueMessagesAsync(Connection, T0.AddMinutes(5), 10, default));
        Assert.True(await Store.TryClaimMessageAsync(id, T0.AddMinutes(11), T0.AddMinutes(21), default));
    }

    [Fact]
    public virtual async Task MarkMessageSentAsync_AfterPartsSent_IsNoLongerDue()
    {
        await Store.SaveAlertRunAsync(Run([], messages: [Message("k")]), default);
        var id = Assert.Single(await Store.GetDueMessagesAsync(Connection, T0, 10, default)).Id;

        await Store.MarkPartsSentAsync(id, 1, default);
        Assert.Equal(1, Assert.Single(await Store.GetDueMessagesAsync(Connection, T0, 10, default)).PartsSent);
        await Store.MarkPartsSentAsync(id, 2, default);
        await Store.MarkMessageSentAsync(id, T0.AddSeconds(5), default);

        Assert.Empty(await Store.GetDueMessagesAsync(Connection, T0.AddDays(1), 10, default));
        var sent = Assert.Single(await Store.GetMessagesAsync(new CemeteryOutboxQuery(Connection, CemeteryOutboxStatus.Sent), default));
        Assert.Equal(T0.AddSeconds(5), sent.SentAt);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(2, sent.PartsSent);
    }

    [Fact]
    public virtual async Task MarkMessageFailedAsync_WithNextAttempt_StaysPendingAndCountsTheAttempt()
    {
        await Store.SaveAlertRunAsync(Run([], messages: [Message("k")]), default);
        var id = Assert.Single(await Store.GetDueMessagesAsync(Connection, T0, 10, default)).Id;

        await Store.MarkMessageFailedAsync(id, "slack: HTTP 503", T0.AddSeconds(1), T0.AddMinutes(5), default);

        Assert.Empty(await Store.GetDueMessagesAsync(Connection, T0.AddMinutes(4), 10, default));
        var retried = Assert.Single(await Store.GetDueMessagesAsync(Connection, T0.AddMinutes(5), 10, default));
        Assert.Equal(1, retried.Attempts);
        Assert.Equal("slack: HTTP 503", retried.LastError);
        Assert.Equal(T0.AddSeconds(1), retried.LastAttemptAt);
    }

    [Fact]
    public virtual async Task MarkMessageFailedAsync_WithoutNextAttempt_KeepsTheMessageAsDead()
    {
        await Store.SaveAlertRunAsync(Run([], messages: [Message("k")]), default);
        var id = Assert.Single(await Store.GetDueMessagesAsync(Connection, T0, 10, default)).Id;

        await Store.MarkMessageFailedAsync(id, "gave up", T0, null, default);

        Assert.Empty(await Store.GetDueMessagesAsync(Connection, T0.AddYears(1), 10, default));
        var dead = Assert.Single(await Store.GetMessagesAsync(new CemeteryOutboxQuery(Connection, CemeteryOutboxStatus.Dead), default));
        Assert.Equal("gave up", dead.LastError);
    }

    protected abstract Task<ICrmStore> CreateMigratedStoreAsync();

    private CemeteryAlertRun Run(IReadOnlyList<CemeteryEpisode> episodes, IReadOnlyList<string>? ended = null, IReadOnlyList<CemeteryOutboxMessage>? messages = null) =>
        new(Connection, episodes, ended ?? [], T0.AddDays(2), messages ?? []);

    private CemeteryEpisode Episode(string dealId) => new(Connection, dealId, T0, T0, 1, StaleReasons.NoActivity, 1, null);

    private CemeteryOutboxMessage Message(string key) => new()
    {
        IdempotencyKey = $"{Connection}:{key}",
        Connection = Connection,
        Channel = "slack",
        DigestKind = CemeteryDigestKind.Manager,
        Recipient = "webhook",
        Subject = "3 stale deals need attention",
        Parts = ["part one", "part «two»"],
        CreatedAt = T0,
        NextAttemptAt = T0,
    };
}
