using System.Globalization;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Bench.Runs;

/// <summary>A sandbox connection handed from the sandbox process to a sync process (the token is a throwaway the sandbox made up).</summary>
internal sealed record BenchConnection(
    string Name,
    CrmKind Kind,
    Uri? BaseUrl,
    string? Token,
    Dictionary<string, string> FieldMap,
    List<string> SalesPipelines,
    string? ClientSuccessPipeline)
{
    public static BenchConnection From(ConnectionOptions connection) => new(
        connection.Name,
        connection.CrmKind,
        connection.BaseUrl,
        connection.Token,
        new Dictionary<string, string>(connection.FieldMap, StringComparer.OrdinalIgnoreCase),
        [.. connection.Pipelines.Sales],
        connection.Pipelines.ClientSuccess);

    /// <summary>The connection as configuration keys, bound and validated like a user's.</summary>
    public Dictionary<string, string?> ToConfiguration(bool limiter)
    {
        var prefix = $"{CrmBridgeOptions.SectionName}:Connections:{Name}";
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{prefix}:Kind"] = Kind.ToString(),
            [$"{prefix}:BaseUrl"] = BaseUrl?.ToString(),
            [$"{prefix}:Token"] = Token,
            [$"{prefix}:Pipelines:ClientSuccess"] = ClientSuccessPipeline,
        };
        for (var i = 0; i < SalesPipelines.Count; i++)
        {
            values[$"{prefix}:Pipelines:Sales:{i.ToString(CultureInfo.InvariantCulture)}"] = SalesPipelines[i];
        }

        foreach (var (canonical, key) in FieldMap)
        {
            values[$"{prefix}:FieldMap:{canonical}"] = key;
        }

        if (!limiter)
        {
            values[$"{prefix}:RateLimit:Enabled"] = "false";
        }

        return values;
    }
}
