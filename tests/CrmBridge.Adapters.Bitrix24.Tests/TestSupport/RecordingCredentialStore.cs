using CrmBridge.Core.Credentials;

namespace CrmBridge.Adapters.Bitrix24.Tests.TestSupport;

/// <summary>Wraps a credential store and notes, at every successful save, what <paramref name="probe"/> said then.</summary>
public sealed class RecordingCredentialStore(ICredentialStore inner, Func<int> probe) : ICredentialStore
{
    /// <summary>(refresh token saved, the probe's value at that moment), oldest first.</summary>
    public List<(string RefreshToken, int Probe)> Saves { get; } = [];

    public Task<StoredCredential?> GetCredentialAsync(string connection, CancellationToken cancellationToken) =>
        inner.GetCredentialAsync(connection, cancellationToken);

    public async Task<StoredCredential?> TrySaveCredentialAsync(
        string connection, long? expectedVersion, CredentialPair pair, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var saved = await inner.TrySaveCredentialAsync(connection, expectedVersion, pair, now, cancellationToken);
        if (saved is not null)
        {
            lock (Saves)
            {
                Saves.Add((pair.RefreshToken, probe()));
            }
        }

        return saved;
    }

    public Task<bool> TryAcquireRefreshLeaseAsync(
        string connection, long expectedVersion, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        inner.TryAcquireRefreshLeaseAsync(connection, expectedVersion, holder, now, duration, cancellationToken);

    public Task ReleaseRefreshLeaseAsync(string connection, string holder, CancellationToken cancellationToken) =>
        inner.ReleaseRefreshLeaseAsync(connection, holder, cancellationToken);
}
