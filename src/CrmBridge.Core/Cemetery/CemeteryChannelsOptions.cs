namespace CrmBridge.Core.Cemetery;

/// <summary>Where digests go; several channels may be on at once.</summary>
public sealed class CemeteryChannelsOptions
{
    public SlackChannelOptions Slack { get; set; } = new();

    public TelegramChannelOptions Telegram { get; set; } = new();

    public EmailChannelOptions Email { get; set; } = new();

    public WebhookChannelOptions Webhook { get; set; } = new();

    public CrmTaskChannelOptions CrmTask { get; set; } = new();
}
