namespace CrmBridge.Core.Cemetery;

/// <summary>
/// One alert for one recipient on one channel, rendered when enqueued so every retry sends the same bytes. A channel
/// that must split a message (Telegram's size limit, Slack's block limit) stores the parts; delivery resumes after the
/// last part sent, so a retry never repeats a part.
/// </summary>
public sealed record CemeteryOutboxMessage
{
    public long Id { get; init; }

    /// <summary>Unique per message; a message with a key already in the outbox is not enqueued again.</summary>
    public required string IdempotencyKey { get; init; }

    public required string Connection { get; init; }

    public required string Channel { get; init; }

    public required CemeteryDigestKind DigestKind { get; init; }

    /// <summary>Channel-specific address: a chat id, an email address, an owner id, or the channel's own target.</summary>
    public required string Recipient { get; init; }

    public required string Subject { get; init; }

    /// <summary>The rendered payloads, sent in order.</summary>
    public required IReadOnlyList<string> Parts { get; init; }

    /// <summary>How many of <see cref="Parts"/> were delivered.</summary>
    public int PartsSent { get; init; }

    public CemeteryOutboxStatus Status { get; init; } = CemeteryOutboxStatus.Pending;

    public int Attempts { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public string? LastError { get; init; }
}
