using System.Globalization;
using System.Text;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.Faults;

/// <summary>
/// The answers each CRM gives for "slow down", "token expired" and server trouble, in its own dialect (status, headers,
/// body), as described in the CRMs' documentation. A CRM not listed gets the generic HTTP form.
/// </summary>
internal static class SandboxFaultAnswers
{
    private static readonly int[] ServerErrorStatuses = [500, 502, 503];

    public static SandboxHttpResponse RateLimited(CrmKind? crm, TimeSpan wait)
    {
        var seconds = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return crm switch
        {
            CrmKind.HubSpot => Json(429, $$"""{"status":"error","message":"You have reached your ten_secondly_rolling limit.","errorType":"RATE_LIMIT","correlationId":"{{Guid.NewGuid()}}","policyName":"TEN_SECONDLY_ROLLING","requestId":"{{Guid.NewGuid()}}"}""")
                .WithHeader("Retry-After", seconds),
            CrmKind.Bitrix24 => Json(503, """{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"""),
            CrmKind.Pipedrive => Json(429, """{"success":false,"error":"Request over limit","errorCode":429,"error_info":"Please check developers.pipedrive.com for more information about Pipedrive API."}""")
                .WithHeader("Retry-After", seconds),
            // amoCRM's 429 may carry a body that is not JSON, and no Retry-After.
            CrmKind.AmoCrm => new SandboxHttpResponse(429, Encoding.UTF8.GetBytes("Too many requests")),
            _ => Json(429, """{"error":"Too many requests"}""").WithHeader("Retry-After", seconds),
        };
    }

    public static SandboxHttpResponse Unauthorized(CrmKind? crm) => crm switch
    {
        CrmKind.HubSpot => Json(401, $$"""{"status":"error","message":"The OAuth token used to make this call expired.","correlationId":"{{Guid.NewGuid()}}","category":"EXPIRED_AUTHENTICATION"}"""),
        CrmKind.Bitrix24 => Json(401, """{"error":"expired_token","error_description":"The access token provided has expired."}"""),
        CrmKind.Pipedrive => Json(401, """{"success":false,"error":"unauthorized access","errorCode":401,"error_info":"Please check developers.pipedrive.com for more information about Pipedrive API."}"""),
        CrmKind.AmoCrm => Json(401, """{"title":"Unauthorized","type":"https://httpstatus.es/401","status":401,"detail":"Unauthorized"}"""),
        _ => Json(401, """{"error":"unauthorized"}"""),
    };

    public static SandboxHttpResponse ServerError(CrmKind? crm, int variant)
    {
        var status = ServerErrorStatuses[variant % ServerErrorStatuses.Length];
        return crm switch
        {
            CrmKind.HubSpot => Json(status, $$"""{"status":"error","message":"internal error","correlationId":"{{Guid.NewGuid()}}","category":"INTERNAL_ERROR"}"""),
            CrmKind.Bitrix24 => Json(status, """{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}"""),
            CrmKind.Pipedrive => Json(status, """{"success":false,"error":"Internal server error","errorCode":500}"""),
            _ => new SandboxHttpResponse(status, Encoding.UTF8.GetBytes("<html><body><h1>" + status.ToString(CultureInfo.InvariantCulture) + " Server Error</h1></body></html>")),
        };
    }

    /// <summary>A success answer whose body is not the JSON promised: an HTML error page from a proxy, or JSON cut short.</summary>
    public static SandboxHttpResponse Malformed(SandboxHttpResponse answer, int variant)
    {
        var body = (variant % 2) switch
        {
            0 => Encoding.UTF8.GetBytes("<html><head><title>Bad Gateway</title></head><body>upstream error</body></html>"),
            _ => Encoding.UTF8.GetBytes("{\"results\":[{\"id\":\"1\",\"properties\":{\"dealname\":"),
        };
        var malformed = new SandboxHttpResponse(answer.StatusCode is >= 200 and < 300 and not 204 ? answer.StatusCode : 200, body);
        foreach (var (name, value) in answer.Headers)
        {
            malformed.WithHeader(name, value);
        }

        return malformed;
    }

    private static SandboxHttpResponse Json(int status, string body) => new(status, Encoding.UTF8.GetBytes(body));
}
