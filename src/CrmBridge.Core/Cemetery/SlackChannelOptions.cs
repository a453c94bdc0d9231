namespace CrmBridge.Core.Cemetery;

/// <summary>A Slack incoming webhook (messages with blocks).</summary>
public sealed class SlackChannelOptions : CemeteryAudienceOptions
{
    /// <summary>The incoming webhook URL as a secret reference (<c>env:NAME</c> or <c>file:/path</c>); the URL itself is the secret.</summary>
    public string? WebhookUrl { get; set; }
}
