using CrmBridge.TestKit;
using Npgsql;

namespace CrmBridge.Storage.Tests.Postgres;

/// <summary>
/// Uniquely named databases on the server of <see cref="TestPostgres"/>, created on first use (so skipped tests
/// never connect) and dropped when the owning test class is done.
/// </summary>
public sealed class PostgresDatabases : IAsyncLifetime
{
    private readonly List<string> _created = [];
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _shared;

    /// <summary>The connection string of the database the class's tests share, created on the first call.</summary>
    public async Task<string> SharedAsync()
    {
        await _lock.WaitAsync();
        try
        {
            return _shared ??= await CreateAsync();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Creates a new empty database and returns its connection string.</summary>
    public async Task<string> CreateAsync()
    {
        var name = "crmbridge_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(TestPostgres.RequireConnectionString()))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await command.ExecuteNonQueryAsync();
        }

        lock (_created)
        {
            _created.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(TestPostgres.RequireConnectionString()) { Database = name }.ConnectionString;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_created.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.RequireConnectionString());
        await admin.OpenAsync();
        foreach (var name in _created)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await command.ExecuteNonQueryAsync();
        }

        _lock.Dispose();
    }
}
