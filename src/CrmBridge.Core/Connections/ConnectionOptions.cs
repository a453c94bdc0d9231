using CrmBridge.Core.Credentials;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Connections;

/// <summary>One CRM account, configured under <c>CrmBridge:Connections:{name}</c>.</summary>
public sealed class ConnectionOptions
{
    /// <summary>The connection's name: its key under <c>CrmBridge:Connections</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The CRM: HubSpot, Pipedrive, AmoCrm or Bitrix24.</summary>
    public string Kind { get; set; } = "";

    /// <value>Defaults to true; a disabled connection is validated but never synced.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The API's base address; each adapter has a default for the CRM's public cloud.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The access token, or a secret reference: <c>env:VARIABLE</c> or <c>file:/path</c>. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>OAuth 2.0 client settings, for CRMs that refresh expiring tokens (amoCRM, Bitrix24); null when <see cref="Token"/> is used.</summary>
    public OAuthClientOptions? OAuth { get; set; }

    /// <summary>Client-side rate limit; each adapter defaults to its CRM's documented limit.</summary>
    public RateLimitOptions? RateLimit { get; set; }

    /// <summary>Canonical field name (<c>company.inn</c>) to the CRM's own field key or name.</summary>
    public Dictionary<string, string> FieldMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Which pipelines play which part.</summary>
    public PipelineRolesOptions Pipelines { get; set; } = new();

    /// <summary>Link to a deal in the CRM's web UI; <c>{id}</c> is replaced by the deal id.</summary>
    public string? DealUrlTemplate { get; set; }

    /// <summary>The CRM kind, once <see cref="Kind"/> has been validated.</summary>
    public CrmKind CrmKind => Enum.Parse<CrmKind>(Kind, ignoreCase: true);

    /// <summary>The configuration key prefix of this connection, for error messages.</summary>
    public string ConfigKey => $"{CrmBridgeOptions.SectionName}:Connections:{Name}";

    /// <summary>The token with its secret reference resolved; throws when it cannot be (validation reports that earlier).</summary>
    public string ResolveToken() =>
        SecretReference.TryResolve(Token, out var token, out var error) && token is not null
            ? token
            : throw new InvalidOperationException($"{ConfigKey}:Token {error ?? "is not set"}.");
}
