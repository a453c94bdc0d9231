using System.Globalization;
using CrmBridge.Core.Connections;
using CrmBridge.Sandbox;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>Configuration keys that point a <c>crmbridge</c> process at a sandbox's CRMs and a store.</summary>
internal static class WorkerConfiguration
{
    public static Dictionary<string, string?> ForSandbox(CrmSandbox sandbox, string sqlitePath, bool limiter = false)
    {
        var values = FastResilience.Configuration(sandbox.Crms.Select(c => c.Kind));
        foreach (var crm in sandbox.Crms)
        {
            Add(values, crm.CreateConnectionOptions(), limiter);
        }

        values["CrmBridge:Storage:Provider"] = "Sqlite";
        values["CrmBridge:Storage:SqlitePath"] = sqlitePath;
        values["Logging:LogLevel:Default"] = "Warning";
        return values;
    }

    public static void Add(Dictionary<string, string?> values, ConnectionOptions connection, bool limiter)
    {
        var prefix = $"{CrmBridgeOptions.SectionName}:Connections:{connection.Name}";
        values[$"{prefix}:Kind"] = connection.Kind;
        values[$"{prefix}:BaseUrl"] = connection.BaseUrl?.ToString();
        values[$"{prefix}:Token"] = connection.Token;
        values[$"{prefix}:Pipelines:ClientSuccess"] = connection.Pipelines.ClientSuccess;
        for (var i = 0; i < connection.Pipelines.Sales.Count; i++)
        {
            values[$"{prefix}:Pipelines:Sales:{i.ToString(CultureInfo.InvariantCulture)}"] = connection.Pipelines.Sales[i];
        }

        foreach (var (canonical, key) in connection.FieldMap)
        {
            values[$"{prefix}:FieldMap:{canonical}"] = key;
        }

        if (!limiter)
        {
            values[$"{prefix}:RateLimit:Enabled"] = "false";
        }
    }
}
