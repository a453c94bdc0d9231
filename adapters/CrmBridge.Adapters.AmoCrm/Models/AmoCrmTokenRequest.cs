namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>The body of <c>POST /oauth2/access_token</c>. Holds secrets: never log it.</summary>
internal sealed class AmoCrmTokenRequest
{
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public string GrantType { get; init; } = "refresh_token";

    public required string RefreshToken { get; init; }

    public required string RedirectUri { get; init; }

    public override string ToString() => $"AmoCrmTokenRequest {{ GrantType = {GrantType} }}";
}
