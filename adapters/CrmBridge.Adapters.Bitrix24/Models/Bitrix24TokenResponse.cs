using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>oauth.bitrix.info's answer to a refresh: a new access token and a new refresh token (the old one is spent).</summary>
internal sealed class Bitrix24TokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("expires_in")]
    public long ExpiresIn { get; init; }

    [JsonPropertyName("client_endpoint")]
    public string? ClientEndpoint { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }

    public override string ToString() => $"Bitrix24TokenResponse {{ ExpiresIn = {ExpiresIn}, ClientEndpoint = {ClientEndpoint}, Error = {Error} }}";
}
