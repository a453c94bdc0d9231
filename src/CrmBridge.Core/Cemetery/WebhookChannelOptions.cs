namespace CrmBridge.Core.Cemetery;

/// <summary>A generic JSON webhook: each digest is POSTed as one JSON document with an Idempotency-Key header.</summary>
public sealed class WebhookChannelOptions : CemeteryAudienceOptions
{
    /// <summary>The URL as a secret reference (<c>env:NAME</c> or <c>file:/path</c>), or literally when it holds no secret.</summary>
    public string? Url { get; set; }
}
