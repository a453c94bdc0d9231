using System.Net;

namespace CrmBridge.Adapters.Http.Resilience;

internal static class CrmResponseClassifier
{
    public static CrmResponseKind Classify(CrmHttpProfile profile, HttpStatusCode status, string? body)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return CrmResponseKind.Success;
        }

        if (profile.IsRateLimited(status, body))
        {
            return CrmResponseKind.RateLimited;
        }

        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => CrmResponseKind.Unauthorized,
            HttpStatusCode.NotFound or HttpStatusCode.Gone => CrmResponseKind.NotFound,
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => CrmResponseKind.Invalid,
            HttpStatusCode.RequestTimeout => CrmResponseKind.Transient,
            _ when code >= 500 => CrmResponseKind.Transient,
            _ => CrmResponseKind.Other,
        };
    }

    /// <summary>Retry-After as seconds or as an HTTP date, else the CRM's hint; null when the answer names no wait.</summary>
    public static TimeSpan? RequestedDelay(CrmHttpProfile profile, HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                var wait = date - time.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return profile.RateLimitedDelayHint?.Invoke(response);
    }
}
