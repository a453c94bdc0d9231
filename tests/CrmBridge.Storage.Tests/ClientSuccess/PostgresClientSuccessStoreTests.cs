using CrmBridge.Core.ClientSuccess;
using CrmBridge.Storage.Postgres;
using CrmBridge.Storage.Tests.Postgres;
using CrmBridge.TestKit;

namespace CrmBridge.Storage.Tests.ClientSuccess;

/// <summary>The Client Success contract on PostgreSQL (one fresh database for the class); each test is overridden only to carry [PostgresFact].</summary>
public sealed class PostgresClientSuccessStoreTests(PostgresDatabases databases) : ClientSuccessStoreContract, IClassFixture<PostgresDatabases>
{
    [PostgresFact]
    public override Task TryClaimCarryOverAsync_NewIntent_RecordsEveryMemberAndClaims() => base.TryClaimCarryOverAsync_NewIntent_RecordsEveryMemberAndClaims();

    [PostgresFact]
    public override Task TryClaimCarryOverAsync_WhileAnotherRunsClaimIsLive_ReturnsBusy() => base.TryClaimCarryOverAsync_WhileAnotherRunsClaimIsLive_ReturnsBusy();

    [PostgresFact]
    public override Task TryClaimCarryOverAsync_AfterTheClaimExpires_ResumesAndCountsTheAttempt() => base.TryClaimCarryOverAsync_AfterTheClaimExpires_ResumesAndCountsTheAttempt();

    [PostgresFact]
    public override Task TryClaimCarryOverAsync_SameRunAgain_Resumes() => base.TryClaimCarryOverAsync_SameRunAgain_Resumes();

    [PostgresFact]
    public override Task TryClaimCarryOverAsync_ManyRunsOnTwoStoresAtOnce_ExactlyOneHoldsEachDeal() => base.TryClaimCarryOverAsync_ManyRunsOnTwoStoresAtOnce_ExactlyOneHoldsEachDeal();

    [PostgresFact]
    public override Task RecordCarryOverCopyAsync_ThenComplete_LinksAndNeverClaimsAgain() => base.RecordCarryOverCopyAsync_ThenComplete_LinksAndNeverClaimsAgain();

    [PostgresFact]
    public override Task RecordCarryOverCopyAsync_SameCopyAgain_IsAccepted_OtherCopy_Throws() => base.RecordCarryOverCopyAsync_SameCopyAgain_IsAccepted_OtherCopy_Throws();

    [PostgresFact]
    public override Task RecordCarryOverCopyAsync_CopyOfAnotherDeal_IsRefusedByTheUniqueIndex() => base.RecordCarryOverCopyAsync_CopyOfAnotherDeal_IsRefusedByTheUniqueIndex();

    [PostgresFact]
    public override Task CompleteCarryOverAsync_WithoutCopy_Throws() => base.CompleteCarryOverAsync_WithoutCopy_Throws();

    [PostgresFact]
    public override Task ReleaseCarryOverAsync_DroppingTheLease_LetsTheNextRunResumeAtOnce() => base.ReleaseCarryOverAsync_DroppingTheLease_LetsTheNextRunResumeAtOnce();

    [PostgresFact]
    public override Task ReleaseCarryOverAsync_KeepingTheLease_KeepsOtherRunsOutUntilItExpires() => base.ReleaseCarryOverAsync_KeepingTheLease_KeepsOtherRunsOutUntilItExpires();

    [PostgresFact]
    public override Task ReleaseCarryOverAsync_ByAnotherRun_ChangesNothing() => base.ReleaseCarryOverAsync_ByAnotherRun_ChangesNothing();

    [PostgresFact]
    public override Task RejectCarryOverAsync_IsClaimedAgainOnlyWhenRetryingRejected() => base.RejectCarryOverAsync_IsClaimedAgainOnlyWhenRetryingRejected();

    [PostgresFact]
    public override Task SaveCalendarPositionAsync_LinkedDeal_StoresCyclePeriodAndStage() => base.SaveCalendarPositionAsync_LinkedDeal_StoresCyclePeriodAndStage();

    [PostgresFact]
    public override Task GetCarryOversAsync_OtherConnection_IsNotReturned() => base.GetCarryOversAsync_OtherConnection_IsNotReturned();

    [PostgresFact]
    public override Task TryClaimPlanTaskAsync_SameKey_ClaimsOnceAndNeverAfterItIsRecorded() => base.TryClaimPlanTaskAsync_SameKey_ClaimsOnceAndNeverAfterItIsRecorded();

    [PostgresFact]
    public override Task TryClaimPlanTaskAsync_AfterTheClaimExpiresOrIsDropped_ClaimsAgain() => base.TryClaimPlanTaskAsync_AfterTheClaimExpiresOrIsDropped_ClaimsAgain();

    [PostgresFact]
    public override Task TryClaimPlanTaskAsync_ManyRunsAtOnce_ExactlyOneWins() => base.TryClaimPlanTaskAsync_ManyRunsAtOnce_ExactlyOneWins();

    [PostgresFact]
    public override Task GetPlanTasksAsync_FiltersByCopy_AndOrdersByCyclePeriodKey() => base.GetPlanTasksAsync_FiltersByCopy_AndOrdersByCyclePeriodKey();

    protected override async Task<IClientSuccessStore> OpenStoreAsync()
    {
        var store = new PostgresCrmStore(await databases.SharedAsync());
        await store.MigrateAsync(default);
        return store;
    }
}
