using System.Text.Json;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Writes;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Cemetery;

/// <summary>
/// A task in the CRM for the owner of each newly alerted deal, created through <see cref="CrmWriter"/> with the
/// message's idempotency key, so a retry after a lost answer never creates a second task.
/// </summary>
public sealed class CrmTaskCemeteryChannel(CrmWriter writer, IOptions<CemeteryOptions> options, TimeProvider time) : ICemeteryChannel
{
    public const string ChannelName = "crmtask";

    /// <summary>The actor recorded in the audit log.</summary>
    public const string Actor = "cemetery";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => ChannelName;

    public bool IsEnabled => options.Value.Channels.CrmTask.Enabled;

    public IReadOnlyList<CemeteryRenderedMessage> Render(CemeteryDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Kind != CemeteryDigestKind.Owner)
        {
            return [];
        }

        var due = time.GetUtcNow().AddDays(options.Value.Channels.CrmTask.DueInDays);
        return
        [
            .. digest.Items.Select(item =>
            {
                var deal = item.Deal;
                var subject = $"Stale deal: plan the next step for {deal.Name}";
                var body = $"CrmBridge deal cemetery: {CemeteryDigestText.Detail(item)}. Log what happened or plan the next activity.";
                var task = new NewTask(deal.DealId, deal.OwnerId, subject, body, due);
                return new CemeteryRenderedMessage(deal.OwnerId ?? "", subject, [JsonSerializer.Serialize(task, Json)], deal.DealId);
            }),
        ];
    }

    public async Task DeliverAsync(CemeteryOutboxMessage message, int part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var task = JsonSerializer.Deserialize<NewTask>(message.Parts[part], Json)
            ?? throw new CemeteryDeliveryException($"message {message.Id} holds no task");
        var key = message.Parts.Count == 1 ? message.IdempotencyKey : $"{message.IdempotencyKey}:{part}";
        await writer.CreateTaskAsync(message.Connection, task, key, Actor, options.Value.Channels.CrmTask.DryRun, cancellationToken);
    }
}
