using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Cemetery;

/// <summary>
/// Scans a connection and sends the digests: plans the episodes, renders each digest for every enabled channel, saves
/// the episodes and the messages in one transaction (so an alert is never decided without its message, nor twice),
/// then delivers everything due in the outbox, including earlier failures.
/// </summary>
public sealed partial class CemeteryAlerter(
    CemeteryScanner scanner,
    ICemeteryStore store,
    IEnumerable<ICemeteryChannel> channels,
    CemeteryDispatcher dispatcher,
    IOptions<CemeteryOptions> options,
    ILogger<CemeteryAlerter> logger)
{
    public async Task<CemeteryRunResult> RunAsync(string connection, CancellationToken cancellationToken)
    {
        var scan = await scanner.ScanAsync(connection, cancellationToken);
        return await NotifyAsync(scan, cancellationToken);
    }

    public async Task<CemeteryRunResult> NotifyAsync(CemeteryScan scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var settings = options.Value;
        var enabled = channels.Where(c => c.IsEnabled).ToList();
        var open = await store.GetOpenEpisodesAsync(scan.Connection, cancellationToken);
        var plan = CemeteryEpisodePlanner.Plan(scan, open, TimeSpan.FromDays(settings.CoolDownDays));
        if (enabled.Count == 0)
        {
            LogNoChannel(scan.Connection);
            plan = CemeteryEpisodePlanner.WithoutAlerts(plan);
        }

        var digests = CemeteryDigestBuilder.Build(scan, plan, settings);
        var messages = new List<CemeteryOutboxMessage>();
        foreach (var channel in enabled)
        {
            foreach (var digest in digests)
            {
                var fingerprint = digest.Fingerprint();
                foreach (var rendered in channel.Render(digest))
                {
                    messages.Add(new CemeteryOutboxMessage
                    {
                        IdempotencyKey = $"cemetery:{channel.Name}:{fingerprint}{(rendered.Discriminator.Length == 0 ? "" : ":" + rendered.Discriminator)}",
                        Connection = scan.Connection,
                        Channel = channel.Name,
                        DigestKind = digest.Kind,
                        Recipient = rendered.Recipient,
                        Subject = rendered.Subject,
                        Parts = rendered.Parts,
                        CreatedAt = scan.ScannedAt,
                        NextAttemptAt = scan.ScannedAt,
                    });
                }
            }
        }

        var enqueued = await store.SaveAlertRunAsync(
            new CemeteryAlertRun(scan.Connection, [.. plan.Due.Select(d => d.Episode), .. plan.Started], plan.Ended, scan.ScannedAt, messages),
            cancellationToken);
        var delivery = await dispatcher.DeliverDueAsync(scan.Connection, cancellationToken);
        return new CemeteryRunResult(scan, digests, enqueued, delivery, enabled.Count > 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No cemetery channel is enabled (CrmBridge:Cemetery:Channels); stale deals of {Connection} are tracked but not alerted")]
    private partial void LogNoChannel(string connection);
}
