using System.Globalization;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// How many times each crash test kills the worker. CI runs a few; the full run the issue asks for is
/// <c>CRMBRIDGE_CRASH_ITERATIONS=50 dotnet test tests/CrmBridge.Resilience.Tests --filter Category=Crash</c>.
/// </summary>
internal static class CrashSettings
{
    public const string IterationsVariable = "CRMBRIDGE_CRASH_ITERATIONS";
    public const string SeedVariable = "CRMBRIDGE_CRASH_SEED";

    public static int Iterations => Read(IterationsVariable, 6);

    /// <summary>The seed of the kill delays, printed by each test so a failing sequence can be replayed.</summary>
    public static int Seed => Read(SeedVariable, 20240917);

    private static int Read(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
}
