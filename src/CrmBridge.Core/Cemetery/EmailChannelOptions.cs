namespace CrmBridge.Core.Cemetery;

/// <summary>Email over SMTP, each digest as HTML with a plain-text alternative.</summary>
public sealed class EmailChannelOptions : CemeteryAudienceOptions
{
    public string? Host { get; set; }

    /// <value>Defaults to 587.</value>
    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c>, <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c>.</summary>
    /// <value>Defaults to Auto (TLS on port 465, STARTTLS when offered elsewhere).</value>
    public string Security { get; set; } = "Auto";

    /// <summary>The SMTP user; none means no authentication.</summary>
    public string? Username { get; set; }

    /// <summary>The SMTP password as a secret reference (<c>env:NAME</c> or <c>file:/path</c>).</summary>
    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>CrmBridge &lt;crm@example.com&gt;</c>.</summary>
    public string? From { get; set; }
}
