namespace CrmBridge.Sandbox.Bitrix24;

public sealed partial class Bitrix24Sandbox
{
    /// <summary>Every live activity on a deal (the seeded calls and follow-ups included), as (id, deal id, subject, description).</summary>
    public IReadOnlyList<(string Id, string DealId, string Subject, string? Description)> Tasks
    {
        get
        {
            lock (portal.Gate)
            {
                return
                [
                    .. portal.Activities.Live
                        .Where(a => a["OWNER_TYPE_ID"] is long type && type == Bitrix24Schema.Deal)
                        .Select(a => (Id(a.Id), Id((long)a["OWNER_ID"]!), (string?)a["SUBJECT"] ?? "", (string?)a["DESCRIPTION"])),
                ];
            }
        }
    }

    /// <summary>Timeline comments added through the API: <see cref="Comments"/> under the name every dialect uses.</summary>
    public IReadOnlyList<(string DealId, string Comment)> Notes => Comments;
}
