namespace CrmBridge.Core.Cemetery;

/// <summary>Who receives a digest and where.</summary>
/// <param name="Key">Stable: <c>owner:{owner id}</c> or <c>manager:{manager key}</c>.</param>
public sealed record CemeteryRecipient(string Key, string Name, string? Email, string? TelegramChatId, string? OwnerId);
