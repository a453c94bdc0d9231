namespace CrmBridge.TestKit;

/// <summary>The PostgreSQL server the tests may use.</summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "CRMBRIDGE_TEST_POSTGRES";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The connection string, or a failure that says how to provide one.</summary>
    public static string RequireConnectionString() =>
        ConnectionString ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set; under CI the PostgreSQL tests must run (.ci/run starts a server).");
}
