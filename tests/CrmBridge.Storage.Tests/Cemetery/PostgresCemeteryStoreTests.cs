using CrmBridge.Core.Storage;
using CrmBridge.Storage.Postgres;
using CrmBridge.Storage.Tests.Postgres;
using CrmBridge.TestKit;

namespace CrmBridge.Storage.Tests.Cemetery;

/// <summary>The cemetery store contract on PostgreSQL, in one fresh database for the class; every test carries [PostgresFact].</summary>
public sealed class PostgresCemeteryStoreTests(PostgresDatabases databases) : CemeteryStoreContract, IClassFixture<PostgresDatabases>
{
    [PostgresFact]
    public override Task SaveAlertRunAsync_NewEpisodes_AreReadBackWithEveryMember() => base.SaveAlertRunAsync_NewEpisodes_AreReadBackWithEveryMember();

    [PostgresFact]
    public override Task SaveAlertRunAsync_SameEpisodeAgain_UpdatesItInPlace() => base.SaveAlertRunAsync_SameEpisodeAgain_UpdatesItInPlace();

    [PostgresFact]
    public override Task SaveAlertRunAsync_EndedDeals_CloseOnlyTheirOpenEpisodes() => base.SaveAlertRunAsync_EndedDeals_CloseOnlyTheirOpenEpisodes();

    [PostgresFact]
    public override Task SaveAlertRunAsync_MessageKeyAlreadyQueued_IsNotEnqueuedTwice() => base.SaveAlertRunAsync_MessageKeyAlreadyQueued_IsNotEnqueuedTwice();

    [PostgresFact]
    public override Task GetDueMessagesAsync_Pending_ReturnsDueOnesWithEveryMemberOldestFirst() => base.GetDueMessagesAsync_Pending_ReturnsDueOnesWithEveryMemberOldestFirst();

    [PostgresFact]
    public override Task TryClaimMessageAsync_TwoClaimers_OnlyOneWinsUntilTheLeaseRunsOut() => base.TryClaimMessageAsync_TwoClaimers_OnlyOneWinsUntilTheLeaseRunsOut();

    [PostgresFact]
    public override Task MarkMessageSentAsync_AfterPartsSent_IsNoLongerDue() => base.MarkMessageSentAsync_AfterPartsSent_IsNoLongerDue();

    [PostgresFact]
    public override Task MarkMessageFailedAsync_WithNextAttempt_StaysPendingAndCountsTheAttempt() => base.MarkMessageFailedAsync_WithNextAttempt_StaysPendingAndCountsTheAttempt();

    [PostgresFact]
    public override Task MarkMessageFailedAsync_WithoutNextAttempt_KeepsTheMessageAsDead() => base.MarkMessageFailedAsync_WithoutNextAttempt_KeepsTheMessageAsDead();

    protected override async Task<ICrmStore> CreateMigratedStoreAsync()
    {
        var store = new PostgresCrmStore(await databases.SharedAsync());
        await store.MigrateAsync(default);
        return store;
    }
}
