using CrmBridge.Core.Storage;
using CrmBridge.Storage.Postgres;
using CrmBridge.Storage.Tests.Postgres;
using CrmBridge.TestKit;

namespace CrmBridge.Storage.Tests.Credentials;

/// <summary>The credential store contract on PostgreSQL, in one fresh database for the class; every test carries [PostgresFact].</summary>
public sealed class PostgresCredentialStoreTests(PostgresDatabases databases) : CredentialStoreContract, IClassFixture<PostgresDatabases>
{
    [PostgresFact]
    public override Task GetCredentialAsync_NothingSaved_ReturnsNull() => base.GetCredentialAsync_NothingSaved_ReturnsNull();

    [PostgresFact]
    public override Task TrySaveCredentialAsync_FirstSave_StoresVersionOneWithEveryMember() => base.TrySaveCredentialAsync_FirstSave_StoresVersionOneWithEveryMember();

    [PostgresFact]
    public override Task TrySaveCredentialAsync_FirstSaveWhenOneExists_ReturnsNullAndKeepsTheStoredPair() => base.TrySaveCredentialAsync_FirstSaveWhenOneExists_ReturnsNullAndKeepsTheStoredPair();

    [PostgresFact]
    public override Task TrySaveCredentialAsync_ExpectedVersion_ReplacesAndBumpsTheVersion() => base.TrySaveCredentialAsync_ExpectedVersion_ReplacesAndBumpsTheVersion();

    [PostgresFact]
    public override Task TrySaveCredentialAsync_StaleVersion_ReturnsNullAndKeepsTheNewerPair() => base.TrySaveCredentialAsync_StaleVersion_ReturnsNullAndKeepsTheNewerPair();

    [PostgresFact]
    public override Task TrySaveCredentialAsync_ManyConcurrentSavesOfOneVersion_ExactlyOneWins() => base.TrySaveCredentialAsync_ManyConcurrentSavesOfOneVersion_ExactlyOneWins();

    [PostgresFact]
    public override Task TryAcquireRefreshLeaseAsync_FreeCredential_TakesItAndOthersAreRefusedUntilItRunsOut() => base.TryAcquireRefreshLeaseAsync_FreeCredential_TakesItAndOthersAreRefusedUntilItRunsOut();

    [PostgresFact]
    public override Task TryAcquireRefreshLeaseAsync_StaleVersionOrNothingStored_Fails() => base.TryAcquireRefreshLeaseAsync_StaleVersionOrNothingStored_Fails();

    [PostgresFact]
    public override Task TryAcquireRefreshLeaseAsync_ConcurrentHolders_ExactlyOneGetsIt() => base.TryAcquireRefreshLeaseAsync_ConcurrentHolders_ExactlyOneGetsIt();

    [PostgresFact]
    public override Task TrySaveCredentialAsync_AfterLease_EndsTheLease() => base.TrySaveCredentialAsync_AfterLease_EndsTheLease();

    [PostgresFact]
    public override Task ReleaseRefreshLeaseAsync_ByTheHolder_FreesIt_ByAnotherHolder_DoesNot() => base.ReleaseRefreshLeaseAsync_ByTheHolder_FreesIt_ByAnotherHolder_DoesNot();

    [PostgresFact]
    public override Task Credentials_OfTwoConnections_AreIndependent() => base.Credentials_OfTwoConnections_AreIndependent();

    [PostgresFact]
    public override void StoredCredential_ToString_NeverShowsTheTokens() => base.StoredCredential_ToString_NeverShowsTheTokens();

    protected override async Task<ICrmStore> CreateMigratedStoreAsync()
    {
        var store = new PostgresCrmStore(await databases.SharedAsync());
        await store.MigrateAsync(default);
        return store;
    }
}
