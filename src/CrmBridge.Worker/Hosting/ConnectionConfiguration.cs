using System.Globalization;
using CrmBridge.Core.Connections;

namespace CrmBridge.Worker.Hosting;

/// <summary>Writes a <see cref="ConnectionOptions"/> as configuration keys, so a built-in connection (the demo's sandbox) goes through the same binding and validation as a user's.</summary>
internal static class ConnectionConfiguration
{
    public static Dictionary<string, string?> ToConfiguration(ConnectionOptions connection)
    {
        var prefix = $"{CrmBridgeOptions.SectionName}:Connections:{connection.Name}";
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{prefix}:Kind"] = connection.Kind,
            [$"{prefix}:Enabled"] = connection.Enabled.ToString(CultureInfo.InvariantCulture),
            [$"{prefix}:BaseUrl"] = connection.BaseUrl?.ToString(),
            [$"{prefix}:Token"] = connection.Token,
            [$"{prefix}:DealUrlTemplate"] = connection.DealUrlTemplate,
            [$"{prefix}:Pipelines:ClientSuccess"] = connection.Pipelines.ClientSuccess,
        };
        for (var i = 0; i < connection.Pipelines.Sales.Count; i++)
        {
            values[$"{prefix}:Pipelines:Sales:{i}"] = connection.Pipelines.Sales[i];
        }

        foreach (var (canonical, key) in connection.FieldMap)
        {
            values[$"{prefix}:FieldMap:{canonical}"] = key;
        }

        if (connection.RateLimit is { } limit)
        {
            values[$"{prefix}:RateLimit:Enabled"] = limit.Enabled.ToString(CultureInfo.InvariantCulture);
            values[$"{prefix}:RateLimit:PermitLimit"] = limit.PermitLimit.ToString(CultureInfo.InvariantCulture);
            values[$"{prefix}:RateLimit:Window"] = limit.Window.ToString("c", CultureInfo.InvariantCulture);
        }

        return values;
    }
}
