using System.Net;

namespace CrmBridge.Adapters.Http.Resilience;

/// <summary>What the attempts of one request saw; kept on the request so the retry and the error translation read the same facts.</summary>
internal sealed class CrmAttemptState
{
    private static readonly HttpRequestOptionsKey<CrmAttemptState> Key = new("CrmBridge.AttemptState");

    public int Attempts { get; set; }

    public CrmResponseKind Kind { get; set; }

    public HttpStatusCode? Status { get; set; }

    /// <summary>The CRM's own message from the last error body.</summary>
    public string? CrmMessage { get; set; }

    /// <summary>The wait the last "slow down" answer asked for (Retry-After or a CRM-specific hint); null when it did not say.</summary>
    public TimeSpan? RequestedDelay { get; set; }

    public static CrmAttemptState Attach(HttpRequestMessage request)
    {
        var state = new CrmAttemptState();
        request.Options.Set(Key, state);
        return state;
    }

    public static CrmAttemptState GetOrAttach(HttpRequestMessage request) =>
        request.Options.TryGetValue(Key, out var state) ? state : Attach(request);

    public static CrmAttemptState? Find(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var state) ? state : null;
}
