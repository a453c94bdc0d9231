using System.Globalization;

namespace CrmBridge.Core.ClientSuccess;

/// <summary>
/// The idempotency markers and keys of Client Success writes. They are derived only from stable ids, so every retry,
/// every worker and every rerun computes the same ones.
/// </summary>
public static class CsMarkers
{
    /// <summary>The prefix of every CS copy's marker; a deal carrying it is a copy and never carried over itself.</summary>
    public const string Prefix = "crmbridge-cs:";

    /// <summary>The marker of the CS copy of a won deal: connection, original deal id and renewal cycle (0: the carry-over).</summary>
    public static string CarryOver(string connection, string originalDealId, int cycle = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(originalDealId);
        ArgumentOutOfRangeException.ThrowIfNegative(cycle);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{connection}:{originalDealId}:r{cycle}");
    }

    public static bool IsCarryOver(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The key of the link note on the copy.</summary>
    public static string LinkNote(string marker) => marker + ":note";

    /// <summary>The key of a plan task: one per deal, cycle, period and plan task.</summary>
    public static string PlanTask(string marker, int cycle, int period, string taskKey) =>
        string.Create(CultureInfo.InvariantCulture, $"{marker}:c{cycle}:p{period}:{taskKey}");
}
