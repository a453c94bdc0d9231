using CrmBridge.Core.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Cemetery;

/// <summary>
/// Delivers due outbox messages. Each message is claimed first (so two processes never send it at once), its parts
/// are sent in order with progress saved after each, and a failure schedules the next attempt with a doubling delay,
/// up to Delivery:MaxAttempts, after which the message is parked as dead: kept, reported, never silently dropped.
/// </summary>
public sealed partial class CemeteryDispatcher(
    ICemeteryStore store,
    IEnumerable<ICemeteryChannel> channels,
    IOptions<CemeteryOptions> options,
    TimeProvider time,
    ILogger<CemeteryDispatcher> logger)
{
    private const int BatchSize = 200;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public async Task<CemeteryDeliveryReport> DeliverDueAsync(string? connection, CancellationToken cancellationToken)
    {
        var byName = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var sent = 0;
        var failures = new List<CemeteryDeliveryFailure>();
        IReadOnlyList<CemeteryOutboxMessage> batch;
        do
        {
            batch = await store.GetDueMessagesAsync(connection, time.GetUtcNow(), BatchSize, cancellationToken);
            foreach (var message in batch)
            {
                var now = time.GetUtcNow();
                if (!await store.TryClaimMessageAsync(message.Id, now, now + Lease, cancellationToken))
                {
                    continue;
                }

                var failure = await DeliverAsync(message, byName.GetValueOrDefault(message.Channel), cancellationToken);
                if (failure is null)
                {
                    sent++;
                }
                else
                {
                    failures.Add(failure);
                }
            }
        }
        while (batch.Count == BatchSize);

        return new CemeteryDeliveryReport(sent, failures);
    }

    private async Task<CemeteryDeliveryFailure?> DeliverAsync(CemeteryOutboxMessage message, ICemeteryChannel? channel, CancellationToken cancellationToken)
    {
        var partsSent = message.PartsSent;
        string error;
        try
        {
            if (channel is null || !channel.IsEnabled)
            {
                throw new CemeteryDeliveryException($"channel {message.Channel} is not enabled; the message waits until it is");
            }

            for (var part = partsSent; part < message.Parts.Count; part++)
            {
                await channel.DeliverAsync(message, part, cancellationToken);
                partsSent = part + 1;
                await store.MarkPartsSentAsync(message.Id, partsSent, CancellationToken.None);
            }

            await store.MarkMessageSentAsync(message.Id, time.GetUtcNow(), CancellationToken.None);
            LogSent(message.Channel, message.Id, message.Connection);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The lease runs out and a later pass resumes after the last part sent.
            throw;
        }
        catch (CemeteryDeliveryException ex)
        {
            error = ex.Message;
        }
        catch (CrmException ex)
        {
            error = ex.Message;
        }
#pragma warning disable CA1031 // Any failure must keep the message for a retry; its text may hold a secret, so only the type is kept.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = $"{ex.GetType().Name} while delivering";
        }

        var attempts = message.Attempts + 1;
        var attemptedAt = time.GetUtcNow();
        var delivery = options.Value.Delivery;
        DateTimeOffset? next = attempts >= delivery.MaxAttempts ? null : attemptedAt + Backoff(delivery, attempts);
        await store.MarkMessageFailedAsync(message.Id, error, attemptedAt, next, CancellationToken.None);
        if (next is null)
        {
            LogDead(message.Channel, message.Id, message.Connection, attempts, error);
        }
        else
        {
            LogRetry(message.Channel, message.Id, message.Connection, attempts, error, next.Value);
        }

        return new CemeteryDeliveryFailure(message.Id, message.Channel, message.Recipient, error, attempts, Dead: next is null);
    }

    internal static TimeSpan Backoff(CemeteryDeliveryOptions delivery, int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(delivery.OutboxRetryDelay.Ticks * factor, delivery.OutboxMaxRetryDelay.Ticks));
        return delay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cemetery alert {MessageId} for {Connection} delivered by {Channel}")]
    private partial void LogSent(string channel, long messageId, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cemetery alert {MessageId} for {Connection} not delivered by {Channel} (attempt {Attempts}): {Error}; next attempt at {NextAttemptAt}")]
    private partial void LogRetry(string channel, long messageId, string connection, int attempts, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cemetery alert {MessageId} for {Connection} not delivered by {Channel} after {Attempts} attempts: {Error}; kept in the outbox as dead")]
    private partial void LogDead(string channel, long messageId, string connection, int attempts, string error);
}
