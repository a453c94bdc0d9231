namespace CrmBridge.Sandbox.Faults;

/// <summary>What the server does with one request; the ones named <c>Before</c> never reach the dialect.</summary>
internal enum SandboxFaultAction
{
    None,
    RateLimitedBefore,
    UnauthorizedBefore,
    ServerErrorBefore,
    DropBefore,
    DropAfter,
    TimeoutAfter,
    MalformedAfter,
    TruncatedAfter,
}
