using System.Threading.RateLimiting;
using CrmBridge.Adapters.Http;
using CrmBridge.Adapters.Http.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Adapters.HubSpot.Tests;

/// <summary>
/// The connection limiter of every CRM with a rolling window (HubSpot, Pipedrive, amoCRM), on a fake clock: a request
/// counts from the moment its answer arrived, and the next one beyond the limit goes exactly a window later, not sooner
/// (the CRM would answer "slow down") and not later (the budget would go unused).
/// </summary>
public sealed class CrmRollingWindowLimiterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AcquireAsync_UnderTheLimit_GrantsAtOnce()
    {
        using var limiter = new CrmRollingWindowLimiter(3, Window, _time);

        using var first = await limiter.AcquireAsync();
        using var second = await limiter.AcquireAsync();
        using var third = await limiter.AcquireAsync();

        Assert.True(first.IsAcquired && second.IsAcquired && third.IsAcquired);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public async Task AcquireAsync_LimitReached_GrantsExactlyOneWindowAfterTheOldestAnswer()
    {
        using var limiter = new CrmRollingWindowLimiter(2, Window, _time);
        var start = _time.GetUtcNow();
        (await limiter.AcquireAsync()).Dispose();
        _time.Advance(TimeSpan.FromMilliseconds(300));
        (await limiter.AcquireAsync()).Dispose();

        var third = limiter.AcquireAsync().AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(699));
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await third;

        Assert.True(lease.IsAcquired);
        Assert.Equal(start + Window, _time.GetUtcNow());
    }

    [Fact]
    public async Task AcquireAsync_RequestStillInFlight_CountsItFromItsAnswerNotItsStart()
    {
        using var limiter = new CrmRollingWindowLimiter(1, Window, _time);
        var slow = await limiter.AcquireAsync();
        _time.Advance(TimeSpan.FromSeconds(5));

        var next = limiter.AcquireAsync().AsTask();
        Assert.False(next.IsCompleted);
        slow.Dispose();
        var answeredAt = _time.GetUtcNow();
        _time.Advance(Window - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await next;

        Assert.Equal(answeredAt + Window, _time.GetUtcNow());
    }

    [Fact]
    public async Task AcquireAsync_SequentialRequests_UseTheWholeBudgetAndNeverExceedIt()
    {
        const int Limit = 3;
        var latency = TimeSpan.FromMilliseconds(100);
        using var limiter = new CrmRollingWindowLimiter(Limit, Window, _time);
        var sent = new List<DateTimeOffset>();
        var answered = new List<DateTimeOffset>();

        for (var i = 0; i < 12; i++)
        {
            var acquire = limiter.AcquireAsync().AsTask();

            // The earliest a CRM counting requests on arrival accepts request i: a window after request i - Limit was answered.
            var due = i < Limit ? _time.GetUtcNow() : answered[i - Limit] + Window;
            if (due > _time.GetUtcNow())
            {
                _time.Advance(due - _time.GetUtcNow() - TimeSpan.FromMilliseconds(1));
                Assert.False(acquire.IsCompleted);
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }

            using (await acquire)
            {
                sent.Add(_time.GetUtcNow());
                _time.Advance(latency);
            }

            answered.Add(_time.GetUtcNow());
        }

        Assert.Equal(answered[8] + Window, sent[11]);
        for (var i = Limit; i < sent.Count; i++)
        {
            Assert.True(sent[i] - sent[i - Limit] >= Window, $"requests {i - Limit} and {i} were sent less than a window apart");
        }
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_GivesUpItsPlaceAndTheNextWaiterIsServed()
    {
        using var limiter = new CrmRollingWindowLimiter(1, Window, _time);
        (await limiter.AcquireAsync()).Dispose();
        using var cancel = new CancellationTokenSource();

        var cancelled = limiter.AcquireAsync(1, cancel.Token).AsTask();
        var waiting = limiter.AcquireAsync().AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        _time.Advance(Window);
        using var lease = await waiting;

        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void AttemptAcquire_LimitReached_Refuses()
    {
        using var limiter = new CrmRollingWindowLimiter(1, Window, _time);
        using var first = limiter.AttemptAcquire();
        using var second = limiter.AttemptAcquire();

        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired);
    }

    [Fact]
    public void IdleDuration_WhileAnAnswerIsInTheWindow_IsNullThenCountsFromTheLastAnswer()
    {
        using var limiter = new CrmRollingWindowLimiter(1, Window, _time);
        limiter.AttemptAcquire().Dispose();

        Assert.Null(limiter.IdleDuration);
        _time.Advance(Window + TimeSpan.FromSeconds(2));
        Assert.Equal(Window + TimeSpan.FromSeconds(2), limiter.IdleDuration);
    }

    [Theory]
    [InlineData(10_000, 100)]
    [InlineData(2_000, 20)]
    [InlineData(1_000, 10)]
    [InlineData(500, 10)]
    public async Task RollingWindow_CrmWindow_AddsOnePercentMarginOfAtLeastTenMilliseconds(int windowMs, int marginMs)
    {
        var window = TimeSpan.FromMilliseconds(windowMs);
        using var limiter = CrmRateLimiters.RollingWindow(new CrmRateLimit(1, window), _time);
        limiter.AttemptAcquire().Dispose();

        var next = limiter.AcquireAsync().AsTask();
        _time.Advance(window + TimeSpan.FromMilliseconds(marginMs - 1));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await next;
        Assert.True(lease.IsAcquired);
    }
}
