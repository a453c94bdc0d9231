using System.Threading.RateLimiting;
using CrmBridge.Core.Model;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace CrmBridge.Adapters.Http.Resilience;

/// <summary>
/// Total timeout, then retries, then the connection's rate limiter, then the per-attempt timeout, so every attempt
/// (a retry included) takes a permit, and time spent queueing for a permit never counts against an attempt.
/// </summary>
internal static class CrmResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(
        CrmHttpProfile profile,
        string connection,
        PartitionedRateLimiter<HttpRequestMessage> limiter,
        TimeProvider time,
        ILogger logger,
        CrmSlowDownGate? slowDown = null)
    {
        var options = profile.Resilience;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(CreateRetry(profile, connection, logger));
        }

        builder.AddRateLimiter(new RateLimiterStrategyOptions
        {
            RateLimiter = async args =>
            {
                var request = args.Context.GetRequestMessage()
                    ?? throw new InvalidOperationException("The rate limiter runs only inside the CRM HTTP pipeline.");
                if (slowDown is not null)
                {
                    await slowDown.WaitAsync(args.Context.CancellationToken);
                }

                return await limiter.AcquireAsync(request, 1, args.Context.CancellationToken);
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private static HttpRetryStrategyOptions CreateRetry(CrmHttpProfile profile, string connection, ILogger logger)
    {
        var options = profile.Resilience;
        return new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(profile, args.Context, args.Outcome)),
            DelayGenerator = args => ValueTask.FromResult(RateLimitedDelay(profile, args.Context, args.Outcome)),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                var endpoint = request is null ? "?" : CrmEndpoint.Describe(request);
                CrmHttpLog.Retrying(logger, profile.Crm, connection, endpoint, Reason(args.Outcome), args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        };
    }

    private static bool ShouldRetry(CrmHttpProfile profile, ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        var request = context.GetRequestMessage();
        if (request is null)
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            var transient = exception is HttpRequestException or IOException or TimeoutRejectedException;
            return transient && profile.IsSafeToRetry(request);
        }

        var state = CrmAttemptState.Find(request);
        return state?.Kind switch
        {
            CrmResponseKind.RateLimited => WaitFor(profile, state) <= profile.Resilience.MaxRateLimitedWait,
            CrmResponseKind.Transient or CrmResponseKind.Unreadable => profile.IsSafeToRetry(request),
            _ => false,
        };
    }

    /// <summary>After "slow down" wait what the CRM asked for; otherwise null, which means exponential back-off with jitter.</summary>
    private static TimeSpan? RateLimitedDelay(CrmHttpProfile profile, ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return null;
        }

        var state = CrmAttemptState.Find(context.GetRequestMessage());
        return state?.Kind == CrmResponseKind.RateLimited ? WaitFor(profile, state) : null;
    }

    private static TimeSpan WaitFor(CrmHttpProfile profile, CrmAttemptState state) =>
        state.RequestedDelay ?? profile.Resilience.RateLimitedFallbackDelay;

    private static string Reason(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception ? exception.GetType().Name
        : outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}"
        : "no response";
}
