using CrmBridge.Core.Credentials;
using CrmBridge.Core.Storage;

namespace CrmBridge.Storage.Tests.Credentials;

/// <summary>
/// What every <see cref="ICredentialStore"/> must do: compare-and-swap saves and refresh leases, so two processes never
/// both spend one single-use refresh token. Backends override every test to carry their own fact attribute.
/// </summary>
public abstract class CredentialStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly List<ICrmStore> _stores = [];

    protected string Connection { get; } = "c" + Guid.NewGuid().ToString("N")[..12];

    protected ICredentialStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = (ICredentialStore)Track(await CreateMigratedStoreAsync());

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Fact]
    public virtual async Task GetCredentialAsync_NothingSaved_ReturnsNull()
    {
        Assert.Null(await Store.GetCredentialAsync(Connection, default));
    }

    [Fact]
    public virtual async Task TrySaveCredentialAsync_FirstSave_StoresVersionOneWithEveryMember()
    {
        var pair = Pair("a1", "r1");

        var saved = await Store.TrySaveCredentialAsync(Connection, null, pair, T0, default);

        Assert.NotNull(saved);
        Assert.Equal(1, saved.Version);
        var stored = await Store.GetCredentialAsync(Connection, default);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal(pair, stored.Pair);
        Assert.Equal(T0, stored.UpdatedAt);
        Assert.Null(stored.LeaseHolder);
        Assert.Null(stored.LeaseUntil);
    }

    [Fact]
    public virtual async Task TrySaveCredentialAsync_FirstSaveWhenOneExists_ReturnsNullAndKeepsTheStoredPair()
    {
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);

        var second = await Store.TrySaveCredentialAsync(Connection, null, Pair("a2", "r2"), T0, default);

        Assert.Null(second);
        Assert.Equal("r1", (await Store.GetCredentialAsync(Connection, default))!.Pair.RefreshToken);
    }

    [Fact]
    public virtual async Task TrySaveCredentialAsync_ExpectedVersion_ReplacesAndBumpsTheVersion()
    {
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);

        var saved = await Store.TrySaveCredentialAsync(Connection, 1, Pair("a2", "r2"), T0.AddHours(1), default);

        Assert.Equal(2, saved!.Version);
        var stored = await Store.GetCredentialAsync(Connection, default);
        Assert.Equal(2, stored!.Version);
        Assert.Equal("a2", stored.Pair.AccessToken);
        Assert.Equal("r2", stored.Pair.RefreshToken);
        Assert.Equal(T0.AddHours(1), stored.UpdatedAt);
    }

    [Fact]
    public virtual async Task TrySaveCredentialAsync_StaleVersion_ReturnsNullAndKeepsTheNewerPair()
    {
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);
        await Store.TrySaveCredentialAsync(Connection, 1, Pair("a2", "r2"), T0, default);

        var lost = await Store.TrySaveCredentialAsync(Connection, 1, Pair("a3", "r3"), T0, default);

        Assert.Null(lost);
        var stored = await Store.GetCredentialAsync(Connection, default);
        Assert.Equal(2, stored!.Version);
        Assert.Equal("r2", stored.Pair.RefreshToken);
    }

    [Fact]
    public virtual async Task TrySaveCredentialAsync_ManyConcurrentSavesOfOneVersion_ExactlyOneWins()
    {
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);
        var second = (ICredentialStore)Track(await CreateMigratedStoreAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? Store : second).TrySaveCredentialAsync(Connection, 1, Pair($"a{i}", $"r{i}"), T0, default)));

        var winner = Assert.Single(results, r => r is not null);
        var stored = await Store.GetCredentialAsync(Connection, default);
        Assert.Equal(2, stored!.Version);
        Assert.Equal(winner!.Pair.RefreshToken, stored.Pair.RefreshToken);
    }

    [Fact]
    public virtual async Task TryAcquireRefreshLeaseAsync_FreeCredential_TakesItAndOthersAreRefusedUntilItRunsOut()
    {
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);

        Assert.True(await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-a", T0, TimeSpan.FromSeconds(30), default));
        Assert.False(await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-b", T0.AddSeconds(10), TimeSpan.FromSeconds(30), default));
        Assert.True(await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-a", T0.AddSeconds(10), TimeSpan.FromSeconds(30), default));
        Assert.True(await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-b", T0.AddSeconds(41), TimeSpan.FromSeconds(30), default));

        var stored = await Store.GetCredentialAsync(Connection, default);
        Assert.Equal("worker-b", stored!.LeaseHolder);
        Assert.Equal(T0.AddSeconds(71), stored.LeaseUntil);
    }

    [Fact]
    public virtual async Task TryAcquireRefreshLeaseAsync_StaleVersionOrNothingStored_Fails()
    {
        Assert.False(await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-a", T0, TimeSpan.FromSeconds(30), default));
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);
        await Store.TrySaveCredentialAsync(Connection, 1, Pair("a2", "r2"), T0, default);

        Assert.False(await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-a", T0, TimeSpan.FromSeconds(30), default));
    }

    [Fact]
    public virtual async Task TryAcquireRefreshLeaseAsync_ConcurrentHolders_ExactlyOneGetsIt()
    {
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);
        var second = (ICredentialStore)Track(await CreateMigratedStoreAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? Store : second).TryAcquireRefreshLeaseAsync(Connection, 1, $"worker-{i}", T0, TimeSpan.FromSeconds(30), default)));

        Assert.Single(results, r => r);
    }

    [Fact]
    public virtual async Task TrySaveCredentialAsync_AfterLease_EndsTheLease()
    {
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);
        await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-a", T0, TimeSpan.FromMinutes(5), default);

        await Store.TrySaveCredentialAsync(Connection, 1, Pair("a2", "r2"), T0, default);

        var stored = await Store.GetCredentialAsync(Connection, default);
        Assert.Null(stored!.LeaseHolder);
        Assert.True(await Store.TryAcquireRefreshLeaseAsync(Connection, 2, "worker-b", T0, TimeSpan.FromSeconds(30), default));
    }

    [Fact]
    public virtual async Task ReleaseRefreshLeaseAsync_ByTheHolder_FreesIt_ByAnotherHolder_DoesNot()
    {
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);
        await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-a", T0, TimeSpan.FromMinutes(5), default);

        await Store.ReleaseRefreshLeaseAsync(Connection, "worker-b", default);
        Assert.False(await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-b", T0, TimeSpan.FromSeconds(30), default));

        await Store.ReleaseRefreshLeaseAsync(Connection, "worker-a", default);
        Assert.True(await Store.TryAcquireRefreshLeaseAsync(Connection, 1, "worker-b", T0, TimeSpan.FromSeconds(30), default));
    }

    [Fact]
    public virtual async Task Credentials_OfTwoConnections_AreIndependent()
    {
        var other = Connection + "-other";
        await Store.TrySaveCredentialAsync(Connection, null, Pair("a1", "r1"), T0, default);
        await Store.TrySaveCredentialAsync(other, null, Pair("b1", "s1"), T0, default);
        await Store.TrySaveCredentialAsync(other, 1, Pair("b2", "s2"), T0, default);

        Assert.Equal(1, (await Store.GetCredentialAsync(Connection, default))!.Version);
        Assert.Equal("s2", (await Store.GetCredentialAsync(other, default))!.Pair.RefreshToken);
    }

    [Fact]
    public virtual void StoredCredential_ToString_NeverShowsTheTokens()
    {
        var credential = new StoredCredential { Connection = Connection, Version = 3, Pair = Pair("access-secret", "refresh-secret"), UpdatedAt = T0 };

        Assert.DoesNotContain("secret", credential.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", credential.Pair.ToString(), StringComparison.Ordinal);
    }

    protected abstract Task<ICrmStore> CreateMigratedStoreAsync();

    protected ICrmStore Track(ICrmStore store)
    {
        _stores.Add(store);
        return store;
    }

    private static CredentialPair Pair(string access, string refresh) => new(access, refresh, T0.AddDays(1), "seed-1");
}
