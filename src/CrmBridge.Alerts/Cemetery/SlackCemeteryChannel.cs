using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Connections;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>Posts digests to a Slack incoming webhook (one channel, so owners' digests and managers' roll-ups both land there unless turned off).</summary>
internal sealed class SlackCemeteryChannel(CemeteryHttpSender http, IOptions<CemeteryOptions> options) : ICemeteryChannel
{
    public const string ChannelName = "slack";

    public string Name => ChannelName;

    private SlackChannelOptions Settings => options.Value.Channels.Slack;

    public bool IsEnabled => Settings.Enabled;

    public IReadOnlyList<CemeteryRenderedMessage> Render(CemeteryDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (!CemeteryAudience.Wants(Settings, digest))
        {
            return [];
        }

        return [new CemeteryRenderedMessage("webhook", CemeteryDigestText.Subject(digest), SlackDigestFormat.Render(digest))];
    }

    public async Task DeliverAsync(CemeteryOutboxMessage message, int part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var url = CemeteryAudience.ResolveUrl(ChannelName, "Slack:WebhookUrl", Settings.WebhookUrl);
        await http.PostJsonAsync(ChannelName, url, message.Parts[part], idempotencyKey: null, cancellationToken);
    }
}
