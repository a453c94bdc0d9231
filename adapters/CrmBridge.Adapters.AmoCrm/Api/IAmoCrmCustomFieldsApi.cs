using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

/// <summary>Custom field definitions of leads (companies and contacts have their own, read from the values they carry).</summary>
internal interface IAmoCrmCustomFieldsApi
{
    [Get("/api/v4/leads/custom_fields")]
    Task<AmoCrmPage?> LeadFieldsAsync(int page, int limit, CancellationToken cancellationToken);
}
