namespace CrmBridge.Adapters.Http;

/// <summary>Retry and timeout settings of a CRM connection's HTTP pipeline.</summary>
public sealed class CrmResilienceOptions
{
    /// <summary>Attempts per request, the first included.</summary>
    /// <value>Defaults to 5.</value>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first back-off after a 5xx, a timeout or a dropped connection; it doubles per attempt, with jitter.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off between two attempts after a failure.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take, waiting for the response body included.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request may take with every attempt, back-off and rate-limiter wait.</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait after the CRM said "slow down" without saying for how long (no Retry-After and no CRM-specific hint).</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan RateLimitedFallbackDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A "slow down" that asks for a longer wait than this is not waited out: the call fails with <see cref="Core.Errors.CrmRateLimitedException"/>.</summary>
    /// <value>Defaults to 2 minutes.</value>
    public TimeSpan MaxRateLimitedWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Lists what is wrong with the settings, each message naming the key under <paramref name="configKey"/>.</summary>
    public IEnumerable<string> Validate(string configKey)
    {
        if (MaxAttempts is < 1 or > 20)
        {
            yield return $"{configKey}:MaxAttempts must be between 1 and 20 (got {MaxAttempts}).";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(BaseDelay), BaseDelay), (nameof(MaxDelay), MaxDelay), (nameof(AttemptTimeout), AttemptTimeout),
            (nameof(TotalTimeout), TotalTimeout), (nameof(RateLimitedFallbackDelay), RateLimitedFallbackDelay),
            (nameof(MaxRateLimitedWait), MaxRateLimitedWait),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{configKey}:{name} must be positive (got {value}).";
            }
        }

        if (AttemptTimeout > TotalTimeout)
        {
            yield return $"{configKey}:AttemptTimeout {AttemptTimeout} exceeds TotalTimeout {TotalTimeout}.";
        }
    }
}
