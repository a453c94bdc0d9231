using CrmBridge.Core.Cemetery;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>POSTs each digest as JSON to a generic webhook, with the message's idempotency key in the Idempotency-Key header.</summary>
internal sealed class WebhookCemeteryChannel(CemeteryHttpSender http, IOptions<CemeteryOptions> options) : ICemeteryChannel
{
    public const string ChannelName = "webhook";

    public string Name => ChannelName;

    private WebhookChannelOptions Settings => options.Value.Channels.Webhook;

    public bool IsEnabled => Settings.Enabled;

    public IReadOnlyList<CemeteryRenderedMessage> Render(CemeteryDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return CemeteryAudience.Wants(Settings, digest)
            ? [new CemeteryRenderedMessage(digest.Recipient.Key, CemeteryDigestText.Subject(digest), [WebhookDigestFormat.Render(digest)])]
            : [];
    }

    public async Task DeliverAsync(CemeteryOutboxMessage message, int part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var url = CemeteryAudience.ResolveUrl(ChannelName, "Webhook:Url", Settings.Url);
        var key = message.Parts.Count == 1 ? message.IdempotencyKey : $"{message.IdempotencyKey}:{part}";
        await http.PostJsonAsync(ChannelName, url, message.Parts[part], key, cancellationToken);
    }
}
