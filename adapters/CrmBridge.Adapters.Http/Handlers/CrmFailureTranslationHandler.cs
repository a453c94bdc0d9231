using CrmBridge.Adapters.Http.Errors;
using CrmBridge.Adapters.Http.Resilience;
using CrmBridge.Core.Errors;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CrmBridge.Adapters.Http.Handlers;

/// <summary>
/// The outermost step: turns what is left after the retries (a failed answer, a timeout, a dropped connection) into
/// the <see cref="CrmException"/> family, naming the CRM, the connection and the endpoint template, never the URL.
/// The caller's own cancellation passes through unchanged.
/// </summary>
internal sealed class CrmFailureTranslationHandler(CrmHttpProfile profile, string connection) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var state = CrmAttemptState.Attach(request);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw Unavailable(request, $"timed out after {Attempts(state)}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable(request, $"connection failed ({ex.HttpRequestError}) after {Attempts(state)}", ex);
        }
        catch (IOException ex)
        {
            throw Unavailable(request, $"connection failed after {Attempts(state)}", ex);
        }
        catch (RateLimiterRejectedException ex)
        {
            throw new CrmRateLimitedException(profile.Crm, connection, CrmEndpoint.Describe(request), ex.RetryAfter, ex);
        }
        catch (OperationCanceledException ex)
        {
            throw Unavailable(request, $"timed out after {Attempts(state)}", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw CrmFailureTranslator.Translate(profile, connection, request, state);
        }
    }

    private static string Attempts(CrmAttemptState state) => state.Attempts switch
    {
        0 => "0 attempts (still waiting for the rate limiter)",
        1 => "1 attempt",
        var n => $"{n} attempts",
    };

    private CrmUnavailableException Unavailable(HttpRequestMessage request, string detail, Exception inner) =>
        new(profile.Crm, connection, CrmEndpoint.Describe(request), detail, inner);
}
