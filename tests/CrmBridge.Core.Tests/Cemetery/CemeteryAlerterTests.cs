using System.Reflection;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CrmBridge.Core.Tests.Cemetery.CemeteryTestData;

namespace CrmBridge.Core.Tests.Cemetery;

public sealed class CemeteryAlerterTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryCemeteryStore _store = new();
    private readonly CemeteryOptions _options = new();

    [Fact]
    public async Task NotifyAsync_StaleDeals_EnqueuesOneMessagePerDigestAndDeliversIt()
    {
        var channel = new RecordingChannel();

        var result = await CreateSut(channel).NotifyAsync(ScanNow([Deal("1", 31).Build(), Deal("2", 40, owner: "u2").Build()]), default);

        Assert.Equal(2, result.MessagesEnqueued);
        Assert.Equal(2, result.Delivery.Sent);
        Assert.Equal(2, channel.Delivered.Count);
        Assert.All(_store.Outbox, m => Assert.Equal(CemeteryOutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task NotifyAsync_SameScanAgain_SendsNothingNew()
    {
        var channel = new RecordingChannel();
        var sut = CreateSut(channel);
        await sut.NotifyAsync(ScanNow([Deal("1", 31).Build()]), default);
        _time.Advance(TimeSpan.FromHours(1));

        var again = await sut.NotifyAsync(ScanNow([Deal("1", 31).Build()]), default);

        Assert.Equal(0, again.MessagesEnqueued);
        Assert.Single(channel.Delivered);
    }

    [Fact]
    public async Task NotifyAsync_DeliveryFails_KeepsTheMessageAndRetriesItLaterExactlyOnce()
    {
        var channel = new RecordingChannel { Fail = (_, _) => new CemeteryDeliveryException("test: HTTP 503") };
        var sut = CreateSut(channel);

        var first = await sut.NotifyAsync(ScanNow([Deal("1", 31).Build()]), default);
        var failed = Assert.Single(_store.Outbox);
        Assert.Equal(CemeteryOutboxStatus.Pending, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("test: HTTP 503", failed.LastError);
        Assert.Equal(Now + _options.Delivery.OutboxRetryDelay, failed.NextAttemptAt);
        Assert.False(Assert.Single(first.Delivery.Failures).Dead);

        channel.Fail = (_, _) => null;
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await CreateDispatcher(channel).DeliverDueAsync(Connection, default)).Sent);
        _time.Advance(_options.Delivery.OutboxRetryDelay);
        Assert.Equal(1, (await CreateDispatcher(channel).DeliverDueAsync(Connection, default)).Sent);
        Assert.Equal(0, (await CreateDispatcher(channel).DeliverDueAsync(Connection, default)).Sent);
        Assert.Single(channel.Delivered);
        Assert.Equal(CemeteryOutboxStatus.Sent, Assert.Single(_store.Outbox).Status);
    }

    [Fact]
    public async Task DeliverDueAsync_APartFails_ResumesAfterTheLastPartSent()
    {
        var channel = new RecordingChannel(parts: 3) { Fail = (_, part) => part == 1 ? new CemeteryDeliveryException("part 2 refused") : null };
        await CreateSut(channel).NotifyAsync(ScanNow([Deal("1", 31).Build()]), default);
        Assert.Equal(1, Assert.Single(_store.Outbox).PartsSent);

        channel.Fail = (_, _) => null;
        _time.Advance(TimeSpan.FromHours(1));
        await CreateDispatcher(channel).DeliverDueAsync(null, default);

        Assert.Equal([0, 1, 2], channel.Delivered.Select(d => d.Part));
    }

    [Fact]
    public async Task DeliverDueAsync_FailingPastMaxAttempts_ParksTheMessageAsDeadAndNeverDropsIt()
    {
        _options.Delivery.MaxAttempts = 3;
        var channel = new RecordingChannel { Fail = (_, _) => new InvalidOperationException("https://hooks.example/secret-path") };
        await CreateSut(channel).NotifyAsync(ScanNow([Deal("1", 31).Build()]), default);
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await CreateDispatcher(channel).DeliverDueAsync(null, default);
        }

        var dead = Assert.Single(_store.Outbox);
        Assert.Equal(CemeteryOutboxStatus.Dead, dead.Status);
        Assert.Equal(3, dead.Attempts);
        Assert.DoesNotContain("secret", dead.LastError, StringComparison.Ordinal);
        Assert.Empty(channel.Delivered);
    }

    [Fact]
    public async Task NotifyAsync_NoChannelEnabled_TracksEpisodesButAlertsWhenAChannelIsOn()
    {
        var channel = new RecordingChannel { IsEnabled = false };
        var sut = CreateSut(channel);

        var off = await sut.NotifyAsync(ScanNow([Deal("1", 31).Build()]), default);
        Assert.False(off.ChannelsEnabled);
        Assert.Empty(_store.Outbox);
        var episode = Assert.Single(await _store.GetOpenEpisodesAsync(Connection, default));
        Assert.Null(episode.LastAlertedAt);

        channel.IsEnabled = true;
        _time.Advance(TimeSpan.FromDays(1));
        var on = await sut.NotifyAsync(ScanNow([Deal("1", 32).Build()]), default);
        Assert.Equal(1, on.Delivery.Sent);
        Assert.Equal(episode.StartedAt, Assert.Single(await _store.GetOpenEpisodesAsync(Connection, default)).StartedAt);
    }

    [Fact]
    public async Task NotifyAsync_CoolDownThenWorse_AlertsAgainOnlyThen()
    {
        var channel = new RecordingChannel();
        var sut = CreateSut(channel);
        await sut.NotifyAsync(ScanNow([Deal("1", 31).Build()]), default);

        _time.Advance(TimeSpan.FromDays(3));
        await sut.NotifyAsync(ScanNow([Deal("1", 31).Build()]), default);
        Assert.Single(channel.Delivered);

        _time.Advance(TimeSpan.FromDays(4));
        await sut.NotifyAsync(ScanNow([Deal("1", 31).Build()]), default);
        Assert.Equal(2, channel.Delivered.Count);

        _time.Advance(TimeSpan.FromDays(1));
        await sut.NotifyAsync(ScanNow([Deal("1", 31).WithActivity(null, null).Build()]), default);
        Assert.Equal(3, channel.Delivered.Count);
    }

    private CemeteryScan ScanNow(IEnumerable<CrmBridge.Core.Model.Deal> deals)
    {
        var shift = _time.GetUtcNow() - Now;
        return Scan(deals.Select(d => d with { StageEnteredAt = d.StageEnteredAt + shift, NextActivityAt = d.NextActivityAt + shift }), _options, now: _time.GetUtcNow());
    }

    private CemeteryAlerter CreateSut(ICemeteryChannel channel)
    {
        var options = Options.Create(_options);
        var bridge = Options.Create(new CrmBridgeOptions());
        var scanner = new CemeteryScanner(UnusedStore(), new CrmAdapterResolver([], bridge), bridge, options, _time);
        return new CemeteryAlerter(scanner, _store, [channel], CreateDispatcher(channel), options, NullLogger<CemeteryAlerter>.Instance);
    }

    private CemeteryDispatcher CreateDispatcher(ICemeteryChannel channel) =>
        new(_store, [channel], Options.Create(_options), _time, NullLogger<CemeteryDispatcher>.Instance);

    private static ICrmStore UnusedStore() => DispatchProxy.Create<ICrmStore, UnusedProxy>();

    public class UnusedProxy : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new NotSupportedException($"{targetMethod?.Name} is not used by these tests.");
    }
}
