using CrmBridge.Core.Model;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Adapters.Http;

/// <summary>Log lines of the HTTP pipeline. They name endpoints by template only: no URL, query string or header is ever logged.</summary>
internal static partial class CrmHttpLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Crm} ({Connection}) {Endpoint} attempt {Attempt}: HTTP {Status} in {ElapsedMs:0} ms")]
    public static partial void AttemptCompleted(ILogger logger, CrmKind crm, string connection, string endpoint, int attempt, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Crm} ({Connection}) {Endpoint} attempt {Attempt} failed: {Error}")]
    public static partial void AttemptFailed(ILogger logger, CrmKind crm, string connection, string endpoint, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Crm} ({Connection}) {Endpoint}: {Reason}; retry {Retry} in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, CrmKind crm, string connection, string endpoint, string reason, int retry, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Crm} ({Connection}): HTTP pipeline ready, base {Host}, limit {RateLimit}")]
    public static partial void PipelineCreated(ILogger logger, CrmKind crm, string connection, string host, string rateLimit);
}
