namespace CrmBridge.Core.Cemetery;

/// <summary>A Telegram bot that sends each digest with sendMessage.</summary>
public sealed class TelegramChannelOptions : CemeteryAudienceOptions
{
    /// <summary>The bot token as a secret reference (<c>env:NAME</c> or <c>file:/path</c>).</summary>
    public string? BotToken { get; set; }

    /// <summary>The chat for digests whose recipient has no TelegramChatId of their own; none means those are not sent by Telegram.</summary>
    public string? ChatId { get; set; }

    /// <summary>The Bot API address.</summary>
    /// <value>Defaults to https://api.telegram.org.</value>
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");
}
