namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>The token endpoint's answer: a new access token and a new refresh token (the old one is spent).</summary>
internal sealed class AmoCrmTokenResponse
{
    public string? TokenType { get; init; }

    public long ExpiresIn { get; init; }

    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public override string ToString() => $"AmoCrmTokenResponse {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";
}
