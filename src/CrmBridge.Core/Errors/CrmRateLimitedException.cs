using CrmBridge.Core.Model;

namespace CrmBridge.Core.Errors;

/// <summary>The CRM still said "slow down" after the retries ran out.</summary>
public sealed class CrmRateLimitedException(CrmKind crm, string connection, string endpoint, TimeSpan? retryAfter, Exception? innerException = null)
    : CrmException(crm, connection, endpoint, $"rate limited{(retryAfter is { } wait ? $"; retry after {wait.TotalSeconds:0.#} s" : "")}", innerException)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
