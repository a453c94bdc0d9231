using CrmBridge.Core.Credentials;

namespace CrmBridge.Adapters.AmoCrm.Tests.TestSupport;

/// <summary>An <see cref="ICredentialStore"/> in memory, recording every save, for asserting the order of saves and uses.</summary>
public sealed class InMemoryCredentialStore : ICredentialStore
{
    private readonly Lock _gate = new();
    private StoredCredential? _stored;

    public List<CredentialPair> Saves { get; } = [];

    public StoredCredential? Current
    {
        get
        {
            lock (_gate)
            {
                return _stored;
            }
        }
    }

    public Task<StoredCredential?> GetCredentialAsync(string connection, CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task<StoredCredential?> TrySaveCredentialAsync(string connection, long? expectedVersion, CredentialPair pair, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stored?.Version != expectedVersion)
            {
                return Task.FromResult<StoredCredential?>(null);
            }

            _stored = new StoredCredential { Connection = connection, Version = (expectedVersion ?? 0) + 1, Pair = pair, UpdatedAt = now };
            Saves.Add(pair);
            return Task.FromResult<StoredCredential?>(_stored);
        }
    }

    public Task<bool> TryAcquireRefreshLeaseAsync(string connection, long expectedVersion, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stored is null || _stored.Version != expectedVersion
                || (_stored.LeaseUntil is { } until && until > now && _stored.LeaseHolder != holder))
            {
                return Task.FromResult(false);
            }

            _stored = _stored with { LeaseHolder = holder, LeaseUntil = now + duration };
            return Task.FromResult(true);
        }
    }

    public Task ReleaseRefreshLeaseAsync(string connection, string holder, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stored?.LeaseHolder == holder)
            {
                _stored = _stored with { LeaseHolder = null, LeaseUntil = null };
            }
        }

        return Task.CompletedTask;
    }
}
