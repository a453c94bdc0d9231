namespace CrmBridge.Core.Credentials;

/// <summary>A connection's token pair as stored, with its version for compare-and-swap. <see cref="ToString"/> never shows the tokens.</summary>
public sealed record StoredCredential
{
    public required string Connection { get; init; }

    /// <summary>Starts at 1 and grows by one with every saved pair.</summary>
    public required long Version { get; init; }

    public required CredentialPair Pair { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who holds the refresh lease; null when nobody does.</summary>
    public string? LeaseHolder { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public override string ToString() =>
        $"StoredCredential {{ Connection = {Connection}, Version = {Version}, ExpiresAt = {Pair.AccessTokenExpiresAt:O}, LeaseHolder = {LeaseHolder} }}";
}
