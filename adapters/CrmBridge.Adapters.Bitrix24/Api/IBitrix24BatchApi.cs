using CrmBridge.Adapters.Bitrix24.Http;
using CrmBridge.Adapters.Bitrix24.Models;
using Refit;

namespace CrmBridge.Adapters.Bitrix24.Api;

/// <summary><c>batch</c>: up to 50 sub-calls in one request (one request against the rate limit).</summary>
internal interface IBitrix24BatchApi
{
    /// <summary>A batch of reads: resent after a 5xx or a timeout.</summary>
    [Post("/batch.json")]
    Task<Bitrix24Response<Bitrix24BatchResult>> ReadAsync([Body] Bitrix24BatchRequest request, CancellationToken cancellationToken);

    /// <summary>A batch with writes: never resent when it is unknown whether the portal ran it.</summary>
    [Post("/batch.json")]
    [Headers(Bitrix24Requests.WriteHeader + ": 1")]
    Task<Bitrix24Response<Bitrix24BatchResult>> WriteAsync([Body] Bitrix24BatchRequest request, CancellationToken cancellationToken);
}
