namespace CrmBridge.Sandbox.Faults;

/// <summary>A failure the sandbox can inject into a request, as real CRMs and networks produce them.</summary>
public enum SandboxFaultKind
{
    /// <summary>The CRM's own "slow down" answer (HubSpot 429 with Retry-After, Bitrix24 503 QUERY_LIMIT_EXCEEDED, others 429); the request is not processed.</summary>
    RateLimited,

    /// <summary>A 500, 502 or 503 before the request is processed.</summary>
    ServerError,

    /// <summary>The request is processed but the answer is held back past the client's attempt timeout.</summary>
    Timeout,

    /// <summary>The connection is closed without an answer, before or after the request is processed.</summary>
    DroppedConnection,

    /// <summary>The request is processed and answered with a success status and a body that is not the JSON promised.</summary>
    MalformedBody,

    /// <summary>The request is processed; the answer's headers and half its body arrive, then the connection closes.</summary>
    TruncatedBody,
}
