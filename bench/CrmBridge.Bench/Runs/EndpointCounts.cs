using System.Text.RegularExpressions;
using CrmBridge.Sandbox;

namespace CrmBridge.Bench.Runs;

/// <summary>
/// The requests a sandbox CRM received, grouped by endpoint as the CRM saw them: method, path with ids replaced by
/// <c>{id}</c>, and the names (not the values) of the query parameters, so a per-deal read stands apart from a page read.
/// </summary>
internal static partial class EndpointCounts
{
    public static Dictionary<string, int> Of(IEnumerable<SandboxRequest> requests) =>
        requests.GroupBy(Describe, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static string Describe(SandboxRequest request)
    {
        var path = Id().Replace(request.Path, "/{id}");
        var names = request.Query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => Uri.UnescapeDataString(pair.Split('=')[0]))
            .Where(name => name is not ("page" or "limit" or "cursor" or "start"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var query = string.Join(',', names);
        return query.Length == 0 ? $"{request.Method} {path}" : $"{request.Method} {path}?{query}";
    }

    [GeneratedRegex("/[0-9]+(?=/|$)")]
    private static partial Regex Id();
}
