using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Models;
using Refit;

namespace CrmBridge.Adapters.Bitrix24.Api;

/// <summary>Deal categories (pipelines) and their stages.</summary>
internal interface IBitrix24PipelinesApi
{
    [Post("/crm.category.list.json")]
    Task<Bitrix24Response<Bitrix24CategoriesResult>> ListCategoriesAsync([Body] JsonObject parameters, CancellationToken cancellationToken);
}
