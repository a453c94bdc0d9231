using System.Net;
using CrmBridge.Adapters.Http.Resilience;
using CrmBridge.Core.Errors;

namespace CrmBridge.Adapters.Http.Errors;

internal static class CrmFailureTranslator
{
    public static CrmException Translate(CrmHttpProfile profile, string connection, HttpRequestMessage request, CrmAttemptState state)
    {
        var endpoint = CrmEndpoint.Describe(request);
        var status = state.Status ?? HttpStatusCode.InternalServerError;
        var statusText = $"HTTP {(int)status}";
        var withMessage = state.CrmMessage is { } message ? $"{statusText}: {message}" : statusText;
        var attempts = state.Attempts == 1 ? "1 attempt" : $"{state.Attempts} attempts";
        return state.Kind switch
        {
            CrmResponseKind.RateLimited => new CrmRateLimitedException(profile.Crm, connection, endpoint, state.RequestedDelay),
            CrmResponseKind.Unauthorized => new CrmAuthException(profile.Crm, connection, endpoint, withMessage),
            CrmResponseKind.NotFound => new CrmNotFoundException(profile.Crm, connection, endpoint),
            CrmResponseKind.Invalid => new CrmValidationException(profile.Crm, connection, endpoint, state.CrmMessage ?? statusText),
            CrmResponseKind.Transient => new CrmUnavailableException(profile.Crm, connection, endpoint, $"{withMessage} after {attempts}"),
            _ => new CrmException(profile.Crm, connection, endpoint, $"failed with {withMessage}"),
        };
    }
}
