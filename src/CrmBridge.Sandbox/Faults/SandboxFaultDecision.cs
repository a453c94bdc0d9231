using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.Faults;

/// <param name="Crm">The dialect the request was for; null when no dialect claims the path.</param>
/// <param name="Variant">A deterministic number to vary the answer (status code, body shape).</param>
/// <param name="Wait">How long a rate-limit answer asks the client to wait.</param>
internal readonly record struct SandboxFaultDecision(SandboxFaultAction Action, CrmKind? Crm, int Variant, TimeSpan Wait)
{
    public static SandboxFaultDecision None { get; } = new(SandboxFaultAction.None, null, 0, TimeSpan.Zero);

    public bool Before => Action is SandboxFaultAction.RateLimitedBefore or SandboxFaultAction.UnauthorizedBefore
        or SandboxFaultAction.ServerErrorBefore or SandboxFaultAction.DropBefore;
}
