using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

internal interface IAmoCrmAccountApi
{
    [Get("/api/v4/account")]
    Task<AmoCrmAccount?> GetAsync(CancellationToken cancellationToken);
}
