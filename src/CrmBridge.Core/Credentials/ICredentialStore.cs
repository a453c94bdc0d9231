namespace CrmBridge.Core.Credentials;

/// <summary>
/// Keeps the OAuth token pair of connections whose CRM rotates its refresh token (amoCRM: single-use refresh tokens;
/// Bitrix24: a new pair on every refresh). Every change is a compare-and-swap on <see cref="StoredCredential.Version"/>,
/// so two processes can never both replace one pair, and a refresh lease lets only one of them spend a refresh token.
/// </summary>
/// <remarks>
/// The protocol for a refresh: read the credential; take the lease with <see cref="TryAcquireRefreshLeaseAsync"/> for the
/// version read (when that fails, someone else is refreshing: wait and read again); call the CRM; save the new pair
/// with <see cref="TrySaveCredentialAsync"/> for the same version, and only then use the new access token.
/// </remarks>
public interface ICredentialStore
{
    /// <summary>The stored credential of a connection; null when none was saved yet.</summary>
    Task<StoredCredential?> GetCredentialAsync(string connection, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="pair"/> when the stored version is still <paramref name="expectedVersion"/> (null: only when
    /// nothing is stored yet), in one atomic step that also ends any refresh lease.
    /// </summary>
    /// <returns>The saved credential (version one higher), or null when another writer changed it first.</returns>
    Task<StoredCredential?> TrySaveCredentialAsync(
        string connection, long? expectedVersion, CredentialPair pair, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the right to refresh the credential at <paramref name="expectedVersion"/> until <paramref name="now"/> plus
    /// <paramref name="duration"/>. Fails when the version moved on or another holder's lease is still running; the same
    /// holder may take it again.
    /// </summary>
    Task<bool> TryAcquireRefreshLeaseAsync(
        string connection, long expectedVersion, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease back early (after a failed refresh), so other processes need not wait for it to run out.</summary>
    Task ReleaseRefreshLeaseAsync(string connection, string holder, CancellationToken cancellationToken);
}
