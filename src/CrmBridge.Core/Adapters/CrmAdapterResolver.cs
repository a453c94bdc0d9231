using System.Collections.Concurrent;
using CrmBridge.Core.Connections;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Adapters;

/// <summary>
/// Gives the adapter for a configured connection, from the factory registered for its kind. Outside a run each call
/// creates a fresh adapter; inside a run (<see cref="BeginRun"/>) a connection's adapter is created once and shared by
/// every call of that run.
/// </summary>
public sealed class CrmAdapterResolver(IEnumerable<ICrmAdapterFactory> factories, IOptions<CrmBridgeOptions> options)
{
    private readonly Dictionary<Model.CrmKind, ICrmAdapterFactory> _factories = factories.ToDictionary(f => f.Kind);

    // Per asynchronous flow, so two jobs running at once in one worker never share a run.
    private readonly AsyncLocal<ConcurrentDictionary<string, ICrmAdapter>?> _run = new();

    public IReadOnlyList<ConnectionOptions> Connections => options.Value.EnabledConnections();

    /// <summary>
    /// Starts a run: until the returned scope is disposed, <see cref="Resolve(string)"/> in this asynchronous flow gives
    /// the same adapter for a connection, so the pipelines and field definitions an adapter reads are read once per run
    /// rather than once per write. A run inside a run joins the outer one.
    /// </summary>
    /// <remarks>
    /// A run is meant for one job's writes and look-ups (a carry-over, an advance), not for the process: a long-running
    /// worker starts a run per job, so each job sees the pipelines as they are when it starts. A sync resolves its own
    /// adapter outside any run, as adapters keep listing state for the sync that uses them.
    /// </remarks>
    public IDisposable BeginRun()
    {
        if (_run.Value is not null)
        {
            return RunScope.Joined;
        }

        var run = new ConcurrentDictionary<string, ICrmAdapter>(StringComparer.OrdinalIgnoreCase);
        _run.Value = run;
        return new RunScope(() =>
        {
            if (ReferenceEquals(_run.Value, run))
            {
                _run.Value = null;
            }
        });
    }

    public ICrmAdapter Resolve(string connectionName)
    {
        var connection = options.Value.FindConnection(connectionName)
            ?? throw new InvalidOperationException(
                $"No connection named '{connectionName}'. Configured: {string.Join(", ", options.Value.Connections.Keys)}.");
        return Resolve(connection);
    }

    public ICrmAdapter Resolve(ConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _run.Value is { } run ? run.GetOrAdd(connection.Name, _ => Create(connection)) : Create(connection);
    }

    private ICrmAdapter Create(ConnectionOptions connection)
    {
        if (!_factories.TryGetValue(connection.CrmKind, out var factory))
        {
            throw new InvalidOperationException(
                $"No adapter is registered for {connection.CrmKind} (connection '{connection.Name}').");
        }

        return factory.Create(connection);
    }

    private sealed class RunScope(Action? end) : IDisposable
    {
        public static readonly RunScope Joined = new(null);

        private Action? _end = end;

        public void Dispose() => Interlocked.Exchange(ref _end, null)?.Invoke();
    }
}
