using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Core.Cemetery;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>
/// Sends digests through a Telegram bot (sendMessage, HTML). Each recipient's TelegramChatId is used, else the channel's
/// ChatId; a digest with neither is not sent by Telegram. The bot token is resolved at send time and never stored.
/// </summary>
internal sealed class TelegramCemeteryChannel(CemeteryHttpSender http, IOptions<CemeteryOptions> options) : ICemeteryChannel
{
    public const string ChannelName = "telegram";

    public string Name => ChannelName;

    private TelegramChannelOptions Settings => options.Value.Channels.Telegram;

    public bool IsEnabled => Settings.Enabled;

    public IReadOnlyList<CemeteryRenderedMessage> Render(CemeteryDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var chat = digest.Recipient.TelegramChatId ?? Settings.ChatId;
        if (!CemeteryAudience.Wants(Settings, digest) || string.IsNullOrWhiteSpace(chat))
        {
            return [];
        }

        var parts = TelegramDigestFormat.RenderTexts(digest)
            .Select(text => new JsonObject
            {
                ["chat_id"] = chat,
                ["text"] = text,
                ["parse_mode"] = "HTML",
                ["disable_web_page_preview"] = true,
            }.ToJsonString())
            .ToList();
        return [new CemeteryRenderedMessage(chat, CemeteryDigestText.Subject(digest), parts)];
    }

    public async Task DeliverAsync(CemeteryOutboxMessage message, int part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var token = CemeteryAudience.ResolveSecret(ChannelName, "Telegram:BotToken", Settings.BotToken);
        // Built as text: a token holds a colon, which relative-URI resolution would read as a scheme.
        var url = new Uri($"{Settings.ApiBaseUrl.AbsoluteUri.TrimEnd('/')}/bot{token}/sendMessage");
        var body = await http.PostJsonAsync(ChannelName, url, message.Parts[part], idempotencyKey: null, cancellationToken);
        try
        {
            using var answer = JsonDocument.Parse(body);
            if (answer.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False)
            {
                throw new CemeteryDeliveryException($"{ChannelName}: the Bot API refused the message");
            }
        }
        catch (JsonException)
        {
            // A 2xx that is not JSON still means the message went out; failing here would send it twice.
        }
    }
}
