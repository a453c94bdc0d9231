namespace CrmBridge.Core.Cemetery;

/// <summary>Where one owner's or manager's digest goes, and (for owners) who their manager is.</summary>
public sealed class CemeteryPersonOptions
{
    /// <summary>Display name; owners default to their name in the CRM.</summary>
    public string? Name { get; set; }

    /// <summary>Email address; owners default to their address in the CRM.</summary>
    public string? Email { get; set; }

    /// <summary>Telegram chat id for this person's digest; defaults to the Telegram channel's ChatId.</summary>
    public string? TelegramChatId { get; set; }

    /// <summary>For owners: the key of their manager under <c>CrmBridge:Cemetery:Managers</c>.</summary>
    public string? Manager { get; set; }
}
