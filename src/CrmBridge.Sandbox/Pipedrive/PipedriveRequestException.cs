using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>Ends a request early with a ready error response in Pipedrive's shape.</summary>
internal sealed class PipedriveRequestException(SandboxHttpResponse response) : Exception
{
    public SandboxHttpResponse Response { get; } = response;

    public static PipedriveRequestException Validation(string message) => new(PipedriveErrors.BadRequest(message));

    public static PipedriveRequestException NotFound(string message) => new(PipedriveErrors.NotFound(message));
}
