using System.Globalization;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>The dialect-neutral view of the amoCRM account.</summary>
public sealed partial class AmoCrmSandbox
{
    public CrmKind Kind => CrmKind.AmoCrm;

    ConnectionOptions ISandboxCrm.CreateConnectionOptions(string? name) => CreateConnectionOptions(name ?? "sandbox-amocrm");

    public string GetDealId(string dealKey) => Id(WithLock(() => account.LeadId(dealKey)), "deal", dealKey);

    public string? FindDealKey(string dealId) =>
        WithLock(() => long.TryParse(dealId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? account.FindLead(id)?.DatasetKey : null);

    public string GetCompanyId(string companyKey) => Id(WithLock(() => account.CompanyId(companyKey)), "company", companyKey);

    public string GetContactId(string contactKey) => Id(WithLock(() => account.ContactId(contactKey)), "contact", contactKey);

    public string GetOwnerId(string ownerKey) => Id(WithLock(() => account.UserId(ownerKey)), "owner", ownerKey);

    public string GetPipelineId(string pipelineKey) => AmoCrmSchema.PipelineId(pipelineKey).ToString(CultureInfo.InvariantCulture);

    /// <summary>Stage ids are per pipeline, except 142 (won) and 143 (lost), which every pipeline shares.</summary>
    public string GetStageId(string pipelineKey, string stageKey) =>
        account.Status(pipelineKey, stageKey).Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The statuses amoCRM adds to a pipeline beyond the dataset's stages: its own unsorted status, 142 and 143.</summary>
    public IReadOnlyList<string> GetSystemStageIds(string pipelineKey) =>
        [.. account.Pipelines.Single(p => p.Id == AmoCrmSchema.PipelineId(pipelineKey)).Statuses.Where(s => s.DatasetKey is null).Select(s => Text(s.Id))];

    public void MoveDealToStage(string dealId, string pipelineKey, string stageKey)
    {
        var status = account.Status(pipelineKey, stageKey);
        lock (account.Gate)
        {
            account.ChangeStatus(FindLead(dealId), status.PipelineId, status.Id);
        }
    }

    public void RenameDeal(string dealId, string name)
    {
        lock (account.Gate)
        {
            var lead = FindLead(dealId);
            lead.Name = name;
            account.Touch(lead);
        }
    }

    /// <summary>Deletes the lead: it leaves the list and appears under <c>with=only_deleted</c>.</summary>
    public void RemoveDeal(string dealId)
    {
        lock (account.Gate)
        {
            account.Delete(FindLead(dealId));
        }
    }

    public SandboxDealState GetDealState(string dealId)
    {
        lock (account.Gate)
        {
            var lead = account.FindLead(long.Parse(dealId, CultureInfo.InvariantCulture)) ?? throw new KeyNotFoundException($"No lead has id {dealId}.");
            var fields = FieldMap.Where(f => f.Key.StartsWith("deal.", StringComparison.Ordinal))
                .ToDictionary(
                    f => f.Key,
                    f => AmoCrmSchema.LeadFields.FirstOrDefault(d => d.Name == f.Value) is { } definition && lead.Fields.TryGetValue(definition.Id, out var values)
                        ? string.Join("; ", values.Select(v => v.Value))
                        : null,
                    StringComparer.Ordinal);
            return new SandboxDealState(
                Text(lead.Id),
                lead.Name,
                Text(lead.PipelineId),
                Text(lead.StatusId),
                lead.Price > 0 ? lead.Price : null,
                lead.ResponsibleUserId > 0 ? Text(lead.ResponsibleUserId) : null,
                lead.CompanyId is { } companyId ? Text(companyId) : null,
                [.. lead.ContactIds.Select(Text)],
                fields);
        }
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Id(long? id, string what, string key) =>
        id is { } value ? Text(value) : throw new KeyNotFoundException($"The dataset has no {what} {key}.");

    private T WithLock<T>(Func<T> read)
    {
        lock (account.Gate)
        {
            return read();
        }
    }
}
