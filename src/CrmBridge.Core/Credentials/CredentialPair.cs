namespace CrmBridge.Core.Credentials;

/// <summary>An access token with the refresh token that replaces it. <see cref="ToString"/> never shows the tokens.</summary>
/// <param name="AccessTokenExpiresAt">When the CRM stops accepting <paramref name="AccessToken"/>.</param>
/// <param name="SeedFingerprint">
/// A fingerprint of the configured refresh token the chain of pairs started from, so a new one put into the configuration
/// (after the user authorized the integration again) supersedes the stored chain. Never the token itself.
/// </param>
public sealed record CredentialPair(string AccessToken, string RefreshToken, DateTimeOffset AccessTokenExpiresAt, string? SeedFingerprint)
{
    public override string ToString() => $"CredentialPair {{ AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, SeedFingerprint = {SeedFingerprint} }}";
}
