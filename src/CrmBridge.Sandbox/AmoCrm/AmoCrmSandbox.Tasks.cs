namespace CrmBridge.Sandbox.AmoCrm;

public sealed partial class AmoCrmSandbox
{
    /// <summary>Every task the account holds, the seeded follow-ups included, ordered by id.</summary>
    public IReadOnlyList<AmoCrmSandboxTask> Tasks
    {
        get
        {
            lock (account.Gate)
            {
                return
                [
                    .. account.AllLeads.SelectMany(l => account.TasksOf(l.Id)).OrderBy(t => t.Id).Select(t => new AmoCrmSandboxTask(
                        t.Id, t.LeadId, t.Text, DateTimeOffset.FromUnixTimeSeconds(t.CompleteTill), t.ResponsibleUserId, t.IsCompleted)),
                ];
            }
        }
    }
}
