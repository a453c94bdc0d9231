using System.Text.Json;

namespace CrmBridge.Adapters.Bitrix24.Http;

/// <summary>Bitrix24's error bodies, <c>{"error":"CODE","error_description":"..."}</c>, read into clear messages.</summary>
internal static class Bitrix24Errors
{
    public const string QueryLimitExceeded = "QUERY_LIMIT_EXCEEDED";
    public const string OperationTimeLimit = "OPERATION_TIME_LIMIT";
    public const string OverloadLimit = "OVERLOAD_LIMIT";

    private const int MaxLength = 500;

    /// <summary>The error code of a body; null when the body is not a Bitrix24 error.</summary>
    public static string? Code(string? body) => Read(body)?.Code;

    /// <summary>"Slow down": the leaky bucket is full (503) or the method's time budget is spent (429).</summary>
    public static bool IsRateLimited(System.Net.HttpStatusCode status, string? body) =>
        (int)status == 429 || Code(body) is QueryLimitExceeded or OperationTimeLimit;

    /// <summary>A manual block by Bitrix24: retrying cannot help and only prolongs it.</summary>
    public static bool IsNeverRetried(string? body) => Code(body) == OverloadLimit;

    /// <summary>The message for an error body: the code, its meaning where it needs one, and the portal's description.</summary>
    public static string? Message(string? body) => Read(body) is { } error ? Describe(error.Code, error.Description) : null;

    public static string Describe(string? code, string? description)
    {
        var hint = code switch
        {
            "NO_AUTH_FOUND" => "the inbound webhook was deleted or its code changed; create a new one and update the connection's Token",
            "expired_token" => "the OAuth access token expired",
            "invalid_token" => "the token is not valid",
            "insufficient_scope" => "the webhook lacks the crm (or user, task) scope",
            "INVALID_CREDENTIALS" => "the webhook's user lacks the rights for this",
            "ACCESS_DENIED" => "REST is available only on commercial plans, or the user lacks access",
            OverloadLimit => "REST access is blocked by Bitrix24 for overload; contact Bitrix24 support (not retried)",
            QueryLimitExceeded => "too many requests: the portal's request bucket is full",
            OperationTimeLimit => "the method's execution-time budget is used up",
            "ERROR_BATCH_LENGTH_EXCEEDED" => "more than 50 calls in one batch",
            _ => null,
        };
        var parts = new[] { string.IsNullOrEmpty(code) ? null : code, hint, string.IsNullOrWhiteSpace(description) ? null : description.Trim() }
            .Where(p => p is not null);
        var text = string.Join(": ", parts);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
    }

    /// <summary>The wait an OPERATION_TIME_LIMIT answer implies: from the server's Date to <c>time.operating_reset_at</c>.</summary>
    public static TimeSpan? OperatingResetDelay(HttpResponseMessage response)
    {
        if (response.Headers.Date is not { } serverNow)
        {
            return null;
        }

        try
        {
            using var stream = response.Content.ReadAsStream();
            using var document = JsonDocument.Parse(stream);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && error.GetString() == OperationTimeLimit
                && document.RootElement.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.Object
                && time.TryGetProperty("operating_reset_at", out var reset) && reset.TryGetDouble(out var resetAt))
            {
                var wait = DateTimeOffset.FromUnixTimeMilliseconds((long)(resetAt * 1000)) - serverNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static (string? Code, string? Description)? Read(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
            {
                return null;
            }

            var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            return (error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText(), description);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
