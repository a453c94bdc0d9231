using Xunit;

namespace CrmBridge.TestKit;

/// <summary>
/// A fact that needs a real PostgreSQL server, given by <c>CRMBRIDGE_TEST_POSTGRES</c> (a connection string).
/// Without it the test is skipped with a message saying so; under CI (<c>CI=true</c>) it runs and fails instead,
/// so a CI run can never pass with the PostgreSQL tests silently skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestPostgres.ConnectionString is null && !TestPostgres.IsCi)
        {
            Skip = $"PostgreSQL tests skipped: set {TestPostgres.EnvironmentVariable} to a connection string to run them.";
        }
    }
}
