namespace CrmBridge.Core.Cemetery;

/// <summary>How alerts are delivered and retried.</summary>
public sealed class CemeteryDeliveryOptions
{
    /// <summary>HTTP retries within one attempt, on 5xx, 408, 429 and network failures.</summary>
    /// <value>Defaults to 3.</value>
    public int HttpRetries { get; set; } = 3;

    /// <summary>The first delay between HTTP retries; it doubles each time (Retry-After wins when sent).</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan HttpRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The time one HTTP request may take.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before an undelivered message is tried again; it doubles after each failed attempt.</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan OutboxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest wait between two attempts of one message.</summary>
    /// <value>Defaults to 6 hours.</value>
    public TimeSpan OutboxMaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Attempts after which a message is parked as dead (kept in the outbox and reported, never sent again by itself).</summary>
    /// <value>Defaults to 20.</value>
    public int MaxAttempts { get; set; } = 20;
}
