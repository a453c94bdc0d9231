using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Models;
using Refit;

namespace CrmBridge.Adapters.Bitrix24.Api;

/// <summary>Portal users (deal owners).</summary>
internal interface IBitrix24UsersApi
{
    [Post("/user.get.json")]
    Task<Bitrix24Response<List<Bitrix24User>>> GetAsync([Body] JsonObject parameters, CancellationToken cancellationToken);
}
