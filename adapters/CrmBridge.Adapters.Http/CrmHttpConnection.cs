using System.Text.Json;
using System.Text.Json.Serialization;
using CrmBridge.Adapters.Http.Errors;
using CrmBridge.Adapters.Http.Resilience;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using Refit;

namespace CrmBridge.Adapters.Http;

/// <summary>
/// The HTTP side of one CRM connection: an <see cref="HttpClient"/> whose handler chain translates failures, retries,
/// applies the connection's rate limiter, counts requests and authenticates. Shared by every adapter instance of the
/// connection, so they all draw from one budget.
/// </summary>
public sealed class CrmHttpConnection
{
    private readonly CrmHttpProfile _profile;

    internal CrmHttpConnection(CrmHttpProfile profile, string connection, Uri baseAddress, CrmRateLimit? rateLimit, HttpClient client)
    {
        _profile = profile;
        Connection = connection;
        BaseAddress = baseAddress;
        RateLimit = rateLimit;
        Client = client;
    }

    public CrmKind Crm => _profile.Crm;

    public string Connection { get; }

    public Uri BaseAddress { get; }

    /// <summary>The connection's budget; null when the limiter is switched off.</summary>
    public CrmRateLimit? RateLimit { get; }

    /// <summary>The client to hand to Refit (or to use directly). Do not dispose it: the provider owns it.</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// Refit settings for this connection: JSON through <paramref name="jsonContext"/>, a body that cannot be read becomes
    /// <see cref="CrmResponseException"/> naming the endpoint, and the pipeline's own exceptions pass through unwrapped.
    /// </summary>
    public RefitSettings CreateRefitSettings(JsonSerializerContext jsonContext)
    {
        ArgumentNullException.ThrowIfNull(jsonContext);
        var settings = RefitSettings.ForJsonContext(jsonContext);
        settings.TransportExceptionFactory = static (_, exception, _) => exception;
        settings.DeserializationExceptionFactory = (response, exception) =>
            ValueTask.FromResult<Exception?>(UnreadableResponse(response.RequestMessage, exception));
        settings.ExceptionFactory = async response =>
        {
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            // Only reached when a response bypassed the translation handler; translate it the same way.
            var request = response.RequestMessage ?? new HttpRequestMessage();
            var state = CrmAttemptState.Find(request) ?? new CrmAttemptState { Attempts = 1 };
            var body = await response.Content.ReadAsStringAsync();
            state.Status = response.StatusCode;
            state.Kind = CrmResponseClassifier.Classify(_profile, response.StatusCode, body);
            state.CrmMessage = _profile.ReadErrorMessage(body);
            return CrmFailureTranslator.Translate(_profile, Connection, request, state);
        };
        return settings;
    }

    /// <summary>A <see cref="CrmResponseException"/> for a body of <paramref name="request"/> that could not be read.</summary>
    public CrmResponseException UnreadableResponse(HttpRequestMessage? request, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var endpoint = request is null ? "?" : CrmEndpoint.Describe(request);
        var detail = exception is JsonException json
            ? $"malformed JSON ({CrmErrorBody.Truncate(json.Message)})"
            : CrmErrorBody.Truncate(exception.Message);
        return new CrmResponseException(Crm, Connection, endpoint, detail, exception);
    }
}
