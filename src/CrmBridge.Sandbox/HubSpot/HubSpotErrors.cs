using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.HubSpot;

/// <summary>HubSpot's error bodies.</summary>
internal static class HubSpotErrors
{
    public static SandboxHttpResponse Unauthorized() => Error(401, "Authentication credentials not found.", "INVALID_AUTHENTICATION");

    public static SandboxHttpResponse Validation(string message) => Error(400, message, "VALIDATION_ERROR");

    public static SandboxHttpResponse NotFound(string message) => Error(404, message, "OBJECT_NOT_FOUND");

    public static SandboxHttpResponse Internal(string message) => Error(500, message, "INTERNAL_ERROR");

    public static SandboxHttpResponse RateLimited(string message, string policyName) =>
        new(429, HubSpotJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "error");
            w.WriteString("message", message);
            w.WriteString("errorType", "RATE_LIMIT");
            w.WriteString("correlationId", Guid.NewGuid().ToString());
            w.WriteString("policyName", policyName);
            w.WriteString("requestId", Guid.NewGuid().ToString());
            w.WriteEndObject();
        }));

    private static SandboxHttpResponse Error(int status, string message, string category) =>
        new(status, HubSpotJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "error");
            w.WriteString("message", message);
            w.WriteString("correlationId", Guid.NewGuid().ToString());
            w.WriteString("category", category);
            w.WriteEndObject();
        }));
}
