using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>Ends a request early with a ready amoCRM error response.</summary>
internal sealed class AmoCrmRequestException(SandboxHttpResponse response) : Exception
{
    public SandboxHttpResponse Response { get; } = response;
}
