using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

internal interface IAmoCrmUsersApi
{
    [Get("/api/v4/users")]
    Task<AmoCrmPage?> ListAsync(int page, int limit, CancellationToken cancellationToken);
}
