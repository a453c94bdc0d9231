using System.Collections.Concurrent;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Faults;

namespace CrmBridge.Sandbox.Server;

/// <summary>The server's side of fault injection: finds the dialect of an endpoint and applies the decision around it.</summary>
internal sealed class FaultHook
{
    private readonly ConcurrentDictionary<Type, CrmKind?> _kinds = new();

    public SandboxFaults? Faults { get; set; }

    public Func<IReadOnlyList<ISandboxCrm>> Dialects { get; set; } = () => [];

    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UnixEpoch;

    /// <summary>The outermost type that declared the handler: a dialect registers its endpoints from its own code.</summary>
    public static Type? Owner(Delegate handler)
    {
        var type = handler.Target?.GetType() ?? handler.Method.DeclaringType;
        while (type?.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    public SandboxHttpResponse Handle(Type? owner, SandboxHttpRequest request, Func<SandboxHttpRequest, SandboxHttpResponse> endpoint)
    {
        var faults = Faults!;
        var crm = owner is null ? null : _kinds.GetOrAdd(owner, Find);
        var decision = faults.Decide(crm, Now());
        if (SandboxFaultSlot.Current is { } slot)
        {
            slot.Action = decision.Action;
        }

        switch (decision.Action)
        {
            case SandboxFaultAction.RateLimitedBefore:
                return SandboxFaultAnswers.RateLimited(crm, decision.Wait);
            case SandboxFaultAction.UnauthorizedBefore:
                return SandboxFaultAnswers.Unauthorized(crm);
            case SandboxFaultAction.ServerErrorBefore:
                return SandboxFaultAnswers.ServerError(crm, decision.Variant);
            case SandboxFaultAction.DropBefore:
                // The middleware closes the connection; this answer is never sent.
                return new SandboxHttpResponse(500, null);
            default:
                break;
        }

        var answer = endpoint(request);
        return decision.Action == SandboxFaultAction.MalformedAfter ? SandboxFaultAnswers.Malformed(answer, decision.Variant) : answer;
    }

    private CrmKind? Find(Type owner)
    {
        var dialects = Dialects();
        var dialect = dialects.FirstOrDefault(d => d.GetType() == owner)
            ?? dialects.FirstOrDefault(d => string.Equals(d.GetType().Namespace, owner.Namespace, StringComparison.Ordinal));
        return dialect?.Kind;
    }
}
