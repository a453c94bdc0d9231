using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

internal interface IAmoCrmTasksApi
{
    [Post("/api/v4/tasks")]
    Task<AmoCrmPage?> CreateAsync([Body] List<AmoCrmTaskInput> tasks, CancellationToken cancellationToken);
}
