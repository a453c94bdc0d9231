using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Models;
using Refit;

namespace CrmBridge.Adapters.Bitrix24.Api;

/// <summary>The universal <c>crm.item.*</c> methods (deals are entity type 2, contacts 3, companies 4).</summary>
internal interface IBitrix24ItemsApi
{
    [Post("/crm.item.list.json")]
    Task<Bitrix24Response<Bitrix24ItemsResult>> ListAsync([Body] JsonObject parameters, CancellationToken cancellationToken);

    [Post("/crm.item.add.json")]
    Task<Bitrix24Response<Bitrix24ItemResult>> AddAsync([Body] JsonObject parameters, CancellationToken cancellationToken);

    [Post("/crm.item.update.json")]
    Task<Bitrix24Response<Bitrix24ItemResult>> UpdateAsync([Body] JsonObject parameters, CancellationToken cancellationToken);

    [Post("/crm.item.fields.json")]
    Task<Bitrix24Response<Bitrix24FieldsResult>> FieldsAsync([Body] JsonObject parameters, CancellationToken cancellationToken);
}
