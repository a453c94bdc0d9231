using CrmBridge.Core.Storage;
using CrmBridge.Storage.Postgres;
using CrmBridge.Storage.Tests.Contract;
using CrmBridge.TestKit;
using Npgsql;

namespace CrmBridge.Storage.Tests.Postgres;

/// <summary>
/// The contract on PostgreSQL: one fresh database for the class (plus one per migration test), dropped at the end.
/// Every contract test is overridden only to carry [PostgresFact], which skips it (outside CI) when no server is configured.
/// </summary>
public sealed class PostgresCrmStoreTests(PostgresDatabases databases) : CrmStoreContract, IClassFixture<PostgresDatabases>
{
    [PostgresFact]
    public override Task MigrateAsync_CalledAgain_KeepsSchemaAndData() => base.MigrateAsync_CalledAgain_KeepsSchemaAndData();

    [PostgresFact]
    public override Task MigrateAsync_TwoStoresOnANewDatabaseAtOnce_BothSucceed() => base.MigrateAsync_TwoStoresOnANewDatabaseAtOnce_BothSucceed();

    [PostgresFact]
    public override Task UpsertDealsAsync_NewDeals_StoresEveryMember() => base.UpsertDealsAsync_NewDeals_StoresEveryMember();

    [PostgresFact]
    public override Task UpsertDealsAsync_TimeWithOffset_StoresTheSameInstantInUtc() => base.UpsertDealsAsync_TimeWithOffset_StoresTheSameInstantInUtc();

    [PostgresFact]
    public override Task UpsertDealsAsync_NewDeal_RecordsTransitionFromNull() => base.UpsertDealsAsync_NewDeal_RecordsTransitionFromNull();

    [PostgresFact]
    public override Task UpsertDealsAsync_SameContentAgain_CountsUnchangedWithoutTransition() => base.UpsertDealsAsync_SameContentAgain_CountsUnchangedWithoutTransition();

    [PostgresFact]
    public override Task UpsertDealsAsync_StageChanged_RecordsTransitionFromStoredStage() => base.UpsertDealsAsync_StageChanged_RecordsTransitionFromStoredStage();

    [PostgresFact]
    public override Task UpsertDealsAsync_OtherMemberChanged_UpdatesWithoutTransition() => base.UpsertDealsAsync_OtherMemberChanged_UpdatesWithoutTransition();

    [PostgresFact]
    public override Task UpsertDealsAsync_RemovedDealReappears_IsRestored() => base.UpsertDealsAsync_RemovedDealReappears_IsRestored();

    [PostgresFact]
    public override Task UpsertDealsAsync_SameIdTwiceInOneBatch_KeepsTheLaterCopy() => base.UpsertDealsAsync_SameIdTwiceInOneBatch_KeepsTheLaterCopy();

    [PostgresFact]
    public override Task UpsertDealsAsync_LargeBatch_CountsEveryOutcome() => base.UpsertDealsAsync_LargeBatch_CountsEveryOutcome();

    [PostgresFact]
    public override Task UpsertDealsAsync_EmptyBatch_ChangesNothing() => base.UpsertDealsAsync_EmptyBatch_ChangesNothing();

    [PostgresFact]
    public override Task UpsertDealsAsync_UnchangedDealInALaterRun_CountsAsSeenByThatRun() => base.UpsertDealsAsync_UnchangedDealInALaterRun_CountsAsSeenByThatRun();

    [PostgresFact]
    public override Task UpsertDealsAsync_WithoutRunId_KeepsTheRunThatLastSawTheDeal() => base.UpsertDealsAsync_WithoutRunId_KeepsTheRunThatLastSawTheDeal();

    [PostgresFact]
    public override Task UpsertDealsAsync_ContactsChanged_ReplacesTheLinks() => base.UpsertDealsAsync_ContactsChanged_ReplacesTheLinks();

    [PostgresFact]
    public override Task GetDealAsync_UnknownDeal_ReturnsNull() => base.GetDealAsync_UnknownDeal_ReturnsNull();

    [PostgresFact]
    public override Task Reads_AfterRemoval_SkipRemovedDeals() => base.Reads_AfterRemoval_SkipRemovedDeals();

    [PostgresFact]
    public override Task StreamDealsAsync_SeveralConnections_OrdersByConnectionThenExternalId() => base.StreamDealsAsync_SeveralConnections_OrdersByConnectionThenExternalId();

    [PostgresFact]
    public override Task StreamDealsAsync_WithFilters_ReturnsMatchingDealsOnly() => base.StreamDealsAsync_WithFilters_ReturnsMatchingDealsOnly();

    [PostgresFact]
    public override Task ReplacePipelinesAsync_CalledAgain_ReplacesPipelinesAndStages() => base.ReplacePipelinesAsync_CalledAgain_ReplacesPipelinesAndStages();

    [PostgresFact]
    public override Task ReplacePipelinesAsync_SameStageIdInTwoPipelines_KeepsBoth() => base.ReplacePipelinesAsync_SameStageIdInTwoPipelines_KeepsBoth();

    [PostgresFact]
    public override Task ReplaceOwnersAsync_CalledAgain_ReplacesOwners() => base.ReplaceOwnersAsync_CalledAgain_ReplacesOwners();

    [PostgresFact]
    public override Task UpsertCompaniesAsync_NewThenChanged_StoresTheLatest() => base.UpsertCompaniesAsync_NewThenChanged_StoresTheLatest();

    [PostgresFact]
    public override Task UpsertContactsAsync_NewThenChanged_StoresTheLatest() => base.UpsertContactsAsync_NewThenChanged_StoresTheLatest();

    [PostgresFact]
    public override Task GetMissingRelatedIdsAsync_MirrorLacksSome_ReturnsOnlyTheAbsentIds() => base.GetMissingRelatedIdsAsync_MirrorLacksSome_ReturnsOnlyTheAbsentIds();

    [PostgresFact]
    public override Task RemoveDealsAsync_SomeUnknownOrRemoved_CountsOnlyPresentDeals() => base.RemoveDealsAsync_SomeUnknownOrRemoved_CountsOnlyPresentDeals();

    [PostgresFact]
    public override Task RemoveDealsNotSeenInRunAsync_AfterFullRun_RemovesOnlyUnseenDealsOfTheConnection() => base.RemoveDealsNotSeenInRunAsync_AfterFullRun_RemovesOnlyUnseenDealsOfTheConnection();

    [PostgresFact]
    public override Task SaveCursorAsync_SavedTwice_ReturnsTheLatestWithEveryMember() => base.SaveCursorAsync_SavedTwice_ReturnsTheLatestWithEveryMember();

    [PostgresFact]
    public override Task AddAuditEntryAsync_NewEntry_ReturnsItsIdAndStoresEveryMember() => base.AddAuditEntryAsync_NewEntry_ReturnsItsIdAndStoresEveryMember();

    [PostgresFact]
    public override Task CompleteAuditEntryAsync_PendingEntry_RecordsTheResult() => base.CompleteAuditEntryAsync_PendingEntry_RecordsTheResult();

    [PostgresFact]
    public override Task CompleteAuditEntryAsync_FailureWithoutResult_KeepsTheIntentValues() => base.CompleteAuditEntryAsync_FailureWithoutResult_KeepsTheIntentValues();

    [PostgresFact]
    public override Task GetAuditEntriesAsync_WithFilters_ReturnsMatchingEntriesNewestFirst() => base.GetAuditEntriesAsync_WithFilters_ReturnsMatchingEntriesNewestFirst();

    [PostgresFact]
    public override Task BeginAsync_DisposedWithoutCommit_RollsEverythingBack() => base.BeginAsync_DisposedWithoutCommit_RollsEverythingBack();

    [PostgresFact]
    public override Task BeginAsync_Committed_IsVisibleToReads() => base.BeginAsync_Committed_IsVisibleToReads();

    [PostgresFact]
    public override Task BeginAsync_ConcurrentWritersOnTwoStores_AllCommit() => base.BeginAsync_ConcurrentWritersOnTwoStores_AllCommit();

    [PostgresFact]
    public async Task MigrateAsync_NewDatabase_StoresFieldsAsJsonbAndTimesAsTimestamptz()
    {
        await using var connection = new NpgsqlConnection(await databases.SharedAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name || ':' || data_type FROM information_schema.columns " +
            "WHERE table_name = 'deals' AND column_name IN ('fields', 'contact_ids', 'created_at', 'amount') ORDER BY column_name",
            connection);
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        Assert.Equal(["amount:numeric", "contact_ids:jsonb", "created_at:timestamp with time zone", "fields:jsonb"], types);
    }

    protected override async Task<ICrmStore> CreateMigratedStoreAsync()
    {
        var store = new PostgresCrmStore(await databases.SharedAsync());
        await store.MigrateAsync(default);
        return store;
    }

    protected override async Task<Func<ICrmStore>> CreateDatabaseAsync()
    {
        var connectionString = await databases.CreateAsync();
        return () => new PostgresCrmStore(connectionString);
    }
}
