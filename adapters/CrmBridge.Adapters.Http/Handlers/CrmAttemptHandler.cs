using System.Diagnostics;
using CrmBridge.Adapters.Http.Resilience;
using CrmBridge.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.Http.Handlers;

/// <summary>
/// The innermost step: sends one attempt, reads the whole body (so a body cut off mid-way fails this attempt and is
/// retried, instead of failing later in the deserializer), classifies the answer and counts the request.
/// </summary>
internal sealed class CrmAttemptHandler(
    CrmHttpProfile profile, string connection, CrmRequestMeter meter, TimeProvider time, ILogger logger, CrmSlowDownGate? slowDown = null)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var state = CrmAttemptState.GetOrAttach(request);
        state.Attempts++;
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            meter.RecordRequest(connection, rateLimited: false);
            CrmHttpLog.AttemptFailed(logger, profile.Crm, connection, CrmEndpoint.Describe(request), state.Attempts, ex.GetType().Name);
            throw;
        }
        catch (OperationCanceledException)
        {
            // The attempt timed out or the caller gave up after the request went out: it still counts against the CRM's budget.
            meter.RecordRequest(connection, rateLimited: false);
            throw;
        }

        string? body = null;
        if (!response.IsSuccessStatusCode)
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        state.Status = response.StatusCode;
        state.Kind = CrmResponseClassifier.Classify(profile, response.StatusCode, body);
        if (state.Kind == CrmResponseKind.Success && profile.IsSafeToRetry(request) && !await IsWellFormedJsonAsync(response, cancellationToken))
        {
            state.Kind = CrmResponseKind.Unreadable;
        }
        state.CrmMessage = body is null ? null : profile.ReadErrorMessage(body);
        state.RequestedDelay = state.Kind == CrmResponseKind.RateLimited ? CrmResponseClassifier.RequestedDelay(profile, response, time) : null;
        meter.RecordRequest(connection, state.Kind == CrmResponseKind.RateLimited);
        if (slowDown is not null && profile.SlowDownHint?.Invoke(response) is { } hold)
        {
            slowDown.HoldFor(hold);
        }

        CrmHttpLog.AttemptCompleted(
            logger, profile.Crm, connection, CrmEndpoint.Describe(request), state.Attempts, (int)response.StatusCode,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }

    /// <summary>
    /// Every CRM here answers reads with JSON; a body that does not parse (cut off, an HTML error page behind a 200) is
    /// judged here so the read is retried like any other transient failure. A body-less answer (204) is fine.
    /// </summary>
    private static async Task<bool> IsWellFormedJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent || bytes.Length == 0)
        {
            return response.StatusCode == System.Net.HttpStatusCode.NoContent;
        }

        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(bytes);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
