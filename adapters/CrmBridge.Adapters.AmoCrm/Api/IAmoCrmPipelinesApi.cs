using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

/// <summary>Lead pipelines with their statuses, and loss reasons.</summary>
internal interface IAmoCrmPipelinesApi
{
    [Get("/api/v4/leads/pipelines")]
    Task<AmoCrmPage?> ListAsync(CancellationToken cancellationToken);

    [Get("/api/v4/leads/loss_reasons")]
    Task<AmoCrmPage?> LossReasonsAsync(int page, int limit, CancellationToken cancellationToken);
}
