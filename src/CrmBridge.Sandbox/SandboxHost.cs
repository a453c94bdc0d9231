using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmBridge.Core.Connections;

namespace CrmBridge.Sandbox;

/// <summary>
/// Runs a <see cref="CrmSandbox"/> as a standalone server (for <c>crmbridge sandbox</c>). Prints nothing: it exposes
/// what a CLI prints (connections, a configuration snippet). The tokens are sandbox credentials, not real ones.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable, IDisposable
{
    /// <summary>The connection name the snippet gives the HubSpot sandbox.</summary>
    public const string HubSpotConnectionName = "sandbox-hubspot";

    private SandboxHost(CrmSandbox sandbox) => Sandbox = sandbox;

    public CrmSandbox Sandbox { get; }

    /// <summary>One entry per CRM the sandbox serves.</summary>
    public IReadOnlyList<SandboxConnection> Connections =>
    [
        new(HubSpotConnectionName, Core.Model.CrmKind.HubSpot, Sandbox.HubSpot.BaseUrl, Sandbox.HubSpot.Token),
    ];

    /// <summary>
    /// A ready-made configuration snippet, <c>{"CrmBridge":{"Connections":{...}}}</c>, with base URL, token, field map
    /// and pipeline roles of every sandbox CRM; paste it into appsettings.json or save it as a connections file.
    /// </summary>
    public string ConnectionsJson => WriteConnectionsJson([Sandbox.HubSpot.CreateConnectionOptions(HubSpotConnectionName)]);

    /// <summary>Starts the sandbox; it serves until the host is disposed.</summary>
    public static SandboxHost Start(SandboxOptions options) => new(CrmSandbox.Start(options));

    /// <summary>Starts the sandbox, calls <paramref name="onStarted"/> once it serves, and serves until cancelled; then stops it and returns.</summary>
    public static async Task RunAsync(SandboxOptions options, Action<SandboxHost> onStarted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onStarted);
        await using var host = Start(options);
        onStarted(host);
        await host.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Completes when <paramref name="cancellationToken"/> is cancelled (without throwing).</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task;
        }
    }

    public void Dispose() => Sandbox.Dispose();

    public ValueTask DisposeAsync() => Sandbox.DisposeAsync();

    private static string WriteConnectionsJson(IEnumerable<ConnectionOptions> connections)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject(CrmBridgeOptions.SectionName);
            w.WriteStartObject(nameof(CrmBridgeOptions.Connections));
            foreach (var connection in connections)
            {
                w.WriteStartObject(connection.Name);
                w.WriteString(nameof(ConnectionOptions.Kind), connection.Kind);
                w.WriteString(nameof(ConnectionOptions.BaseUrl), connection.BaseUrl?.ToString());
                w.WriteString(nameof(ConnectionOptions.Token), connection.Token);
                w.WriteStartObject(nameof(ConnectionOptions.FieldMap));
                foreach (var (canonical, field) in connection.FieldMap.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    w.WriteString(canonical, field);
                }

                w.WriteEndObject();
                w.WriteStartObject(nameof(ConnectionOptions.Pipelines));
                w.WriteStartArray(nameof(PipelineRolesOptions.Sales));
                foreach (var sales in connection.Pipelines.Sales)
                {
                    w.WriteStringValue(sales);
                }

                w.WriteEndArray();
                w.WriteString(nameof(PipelineRolesOptions.ClientSuccess), connection.Pipelines.ClientSuccess);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
