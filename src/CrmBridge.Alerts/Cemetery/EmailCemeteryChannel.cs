using System.Text.Json;
using CrmBridge.Core.Cemetery;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>
/// Sends each digest as one email (HTML with a plain-text alternative) over SMTP with MailKit. The Message-Id is
/// derived from the idempotency key, so a mail system that sees a retry can tell it is the same message.
/// </summary>
internal sealed class EmailCemeteryChannel(IOptions<CemeteryOptions> options) : ICemeteryChannel
{
    public const string ChannelName = "email";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => ChannelName;

    private EmailChannelOptions Settings => options.Value.Channels.Email;

    public bool IsEnabled => Settings.Enabled;

    public IReadOnlyList<CemeteryRenderedMessage> Render(CemeteryDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var to = digest.Recipient.Email;
        if (!CemeteryAudience.Wants(Settings, digest) || string.IsNullOrWhiteSpace(to))
        {
            return [];
        }

        var subject = CemeteryDigestText.Subject(digest);
        var part = new EmailPart(to, digest.Recipient.Name, subject, EmailDigestFormat.Html(digest), EmailDigestFormat.Text(digest));
        return [new CemeteryRenderedMessage(to, subject, [JsonSerializer.Serialize(part, Json)])];
    }

    public async Task DeliverAsync(CemeteryOutboxMessage message, int part, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = Settings;
        var email = JsonSerializer.Deserialize<EmailPart>(message.Parts[part], Json)
            ?? throw new CemeteryDeliveryException($"{ChannelName}: message {message.Id} holds no email");
        using var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From ?? throw new CemeteryDeliveryException($"{ChannelName}: {CemeteryOptions.SectionName}:Channels:Email:From is not set")));
        mime.To.Add(new MailboxAddress(email.ToName, email.To));
        mime.Subject = email.Subject;
        mime.MessageId = MessageId(message.IdempotencyKey, part);
        mime.Body = new BodyBuilder { HtmlBody = email.Html, TextBody = email.Text }.ToMessageBody();

        using var smtp = new SmtpClient();
        try
        {
            var security = Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true);
            await smtp.ConnectAsync(settings.Host ?? throw new CemeteryDeliveryException($"{ChannelName}: {CemeteryOptions.SectionName}:Channels:Email:Host is not set"), settings.Port, security, cancellationToken);
            if (!string.IsNullOrWhiteSpace(settings.Username))
            {
                var password = string.IsNullOrEmpty(settings.Password) ? "" : CemeteryAudience.ResolveSecret(ChannelName, "Email:Password", settings.Password);
                await smtp.AuthenticateAsync(settings.Username, password, cancellationToken);
            }

            await smtp.SendAsync(mime, cancellationToken);
            await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (AuthenticationException ex)
        {
            throw new CemeteryDeliveryException($"{ChannelName}: the SMTP server refused the credentials of {settings.Username}", ex);
        }
        catch (SmtpCommandException ex)
        {
            throw new CemeteryDeliveryException($"{ChannelName}: the SMTP server answered {(int)ex.StatusCode} ({ex.ErrorCode})", ex);
        }
        catch (SmtpProtocolException ex)
        {
            throw new CemeteryDeliveryException($"{ChannelName}: SMTP protocol error", ex);
        }
        catch (ServiceNotConnectedException ex)
        {
            throw new CemeteryDeliveryException($"{ChannelName}: lost the connection to the SMTP server", ex);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new CemeteryDeliveryException($"{ChannelName}: cannot reach the SMTP server {settings.Host}:{settings.Port} ({ex.SocketErrorCode})", ex);
        }
        catch (IOException ex)
        {
            throw new CemeteryDeliveryException($"{ChannelName}: the connection to the SMTP server failed", ex);
        }
    }

    /// <summary>A Message-Id made from the idempotency key (dot-atom characters only).</summary>
    internal static string MessageId(string idempotencyKey, int part)
    {
        var local = string.Join('.', new string([.. idempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '.')])
            .Split('.', StringSplitOptions.RemoveEmptyEntries));
        return $"{local}.{part}@crmbridge.cemetery";
    }
}
