using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>Ends a request early with a ready error response.</summary>
internal sealed class HubSpotRequestException(SandboxHttpResponse response) : Exception
{
    public SandboxHttpResponse Response { get; } = response;

    public static HubSpotRequestException Validation(string message) => new(HubSpotErrors.Validation(message));

    public static HubSpotRequestException NotFound(string message) => new(HubSpotErrors.NotFound(message));
}
