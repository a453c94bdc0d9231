using CrmBridge.Core.Storage;
using CrmBridge.Storage.Postgres;
using CrmBridge.Storage.Tests.Postgres;
using CrmBridge.TestKit;

namespace CrmBridge.Storage.Tests.Hygiene;

/// <summary>The hygiene store contract on PostgreSQL, in one fresh database for the class; every test carries [PostgresFact].</summary>
public sealed class PostgresHygieneStoreTests(PostgresDatabases databases) : HygieneStoreContract, IClassFixture<PostgresDatabases>
{
    [PostgresFact]
    public override Task Sweep_NewFindings_AreStoredWithEveryMemberAndCountedAsOpened() => base.Sweep_NewFindings_AreStoredWithEveryMemberAndCountedAsOpened();

    [PostgresFact]
    public override Task Sweep_SameFindingAgain_KeepsItsFirstSeenAndIdAndOpensNothing() => base.Sweep_SameFindingAgain_KeepsItsFirstSeenAndIdAndOpensNothing();

    [PostgresFact]
    public override Task Sweep_ChangedDetail_UpdatesTheOpenFinding() => base.Sweep_ChangedDetail_UpdatesTheOpenFinding();

    [PostgresFact]
    public override Task Sweep_FindingNotSeenAgain_ResolvesAndStaysAsHistory() => base.Sweep_FindingNotSeenAgain_ResolvesAndStaysAsHistory();

    [PostgresFact]
    public override Task Sweep_ResolvedFindingComesBack_IsANewFindingBesideTheOldOne() => base.Sweep_ResolvedFindingComesBack_IsANewFindingBesideTheOldOne();

    [PostgresFact]
    public override Task Sweep_DisposedWithoutCompleting_LeavesThePreviousStateUntouched() => base.Sweep_DisposedWithoutCompleting_LeavesThePreviousStateUntouched();

    [PostgresFact]
    public override Task Sweep_ManyFindingsInBatches_AreAllStoredOnce() => base.Sweep_ManyFindingsInBatches_AreAllStoredOnce();

    [PostgresFact]
    public override Task Sweep_OtherConnections_AreNotTouched() => base.Sweep_OtherConnections_AreNotTouched();

    [PostgresFact]
    public override Task GetSweepsAsync_NewestFirst_WithFieldHealth() => base.GetSweepsAsync_NewestFirst_WithFieldHealth();

    [PostgresFact]
    public override Task GetNextDealIdAsync_AndStreamDealsAfterAsync_StepThroughPresentDealsInIdOrder() => base.GetNextDealIdAsync_AndStreamDealsAfterAsync_StepThroughPresentDealsInIdOrder();

    [PostgresFact]
    public override Task StreamSweepDealsAsync_AllMembers_ReadsWhatTheSharedReadPathReads() => base.StreamSweepDealsAsync_AllMembers_ReadsWhatTheSharedReadPathReads();

    [PostgresFact]
    public override Task StreamSweepDealsAsync_NoOptionalMembers_LeavesThemAtDefaultsAndResumesAfterAnId() => base.StreamSweepDealsAsync_NoOptionalMembers_LeavesThemAtDefaultsAndResumesAfterAnId();

    [PostgresFact]
    public override Task StreamSweepDealsAsync_UnreadableRows_FailAsTheSharedReadPathDoes() => base.StreamSweepDealsAsync_UnreadableRows_FailAsTheSharedReadPathDoes();

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await databases.SharedAsync());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<ICrmStore> CreateMigratedStoreAsync()
    {
        var store = new PostgresCrmStore(await databases.SharedAsync());
        await store.MigrateAsync(default);
        return store;
    }
}
