namespace CrmBridge.Adapters.Bitrix24.Http;

/// <summary>Flags a Bitrix24 request carries through the pipeline, so the retry policy can tell reads from writes.</summary>
internal static class Bitrix24Requests
{
    /// <summary>Set on a <c>batch</c> call whose sub-calls write; such a batch is never resent after a 5xx or a timeout.</summary>
    public const string WriteHeader = "X-CrmBridge-Write";

    private static readonly HttpRequestOptionsKey<bool> WriteKey = new("CrmBridge.Bitrix24.Write");
    private static readonly HttpRequestOptionsKey<bool> NoRetryKey = new("CrmBridge.Bitrix24.NoRetry");

    // Methods that only read: safe to send again when it is unknown whether the portal acted on them.
    private static readonly string[] ReadSuffixes = [".list", ".get", ".fields", ".items.get"];

    public static void MarkWriteFromHeader(HttpRequestMessage request)
    {
        if (request.Headers.Remove(WriteHeader))
        {
            request.Options.Set(WriteKey, true);
        }
    }

    public static void MarkNoRetry(HttpRequestMessage request) => request.Options.Set(NoRetryKey, true);

    public static bool IsSafeToRetry(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(NoRetryKey, out var noRetry) && noRetry)
        {
            return false;
        }

        if (request.Options.TryGetValue(WriteKey, out var write) && write)
        {
            return false;
        }

        var method = MethodName(request);
        return method == "batch" || method == "user.get" || ReadSuffixes.Any(s => method.EndsWith(s, StringComparison.Ordinal));
    }

    /// <summary>The REST method a request calls, e.g. <c>crm.item.list</c>, from the last path segment.</summary>
    public static string MethodName(HttpRequestMessage request)
    {
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "";
        var last = path.TrimEnd('/').Split('/')[^1];
        return last.EndsWith(".json", StringComparison.Ordinal) ? last[..^5] : last;
    }
}
