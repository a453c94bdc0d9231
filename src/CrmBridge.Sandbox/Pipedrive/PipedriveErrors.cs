using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>Pipedrive's error bodies: <c>{success:false, error, error_info, data:null, additional_data:null}</c>.</summary>
internal static class PipedriveErrors
{
    public const string Info = "Please check developers.pipedrive.com";

    public static SandboxHttpResponse Unauthorized() => Error(401, "unauthorized access", Info, "401");

    public static SandboxHttpResponse BadRequest(string message) => Error(400, message, Info, "ERR_SCHEMA_VALIDATION_FAILED");

    public static SandboxHttpResponse NotFound(string message) => Error(404, message, Info, "404");

    public static SandboxHttpResponse RateLimited() => Error(429, "Request over limit", "Rate limit exceeded: slow down and retry after x-ratelimit-reset seconds", "429");

    public static SandboxHttpResponse Internal(string message) => Error(500, message, Info, "500");

    private static SandboxHttpResponse Error(int status, string error, string info, string code) =>
        new(status, PipedriveWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", false);
            w.WriteString("error", error);
            w.WriteString("code", code);
            w.WriteString("error_info", info);
            w.WriteNull("data");
            w.WriteNull("additional_data");
            w.WriteEndObject();
        }));
}
