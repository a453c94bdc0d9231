using System.Globalization;

namespace CrmBridge.Adapters.Pipedrive;

/// <summary>Reads Pipedrive's <c>x-ratelimit-limit</c>, <c>x-ratelimit-remaining</c> and <c>x-ratelimit-reset</c> (seconds to the window's end).</summary>
internal static class PipedriveRateLimitHeaders
{
    public const string Limit = "x-ratelimit-limit";
    public const string Remaining = "x-ratelimit-remaining";
    public const string Reset = "x-ratelimit-reset";

    /// <summary>The wait until the window resets; null when the answer does not say.</summary>
    public static TimeSpan? ResetAfter(HttpResponseMessage response) =>
        Number(response, Reset) is { } seconds and >= 0 ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>
    /// How long to hold the next request: nothing while more than <paramref name="slowDownBelow"/> of the budget is left;
    /// below that the rest of the window is shared out evenly among the requests left, and with none left, the whole rest.
    /// </summary>
    public static TimeSpan? SlowDown(HttpResponseMessage response, double slowDownBelow)
    {
        if (Number(response, Remaining) is not { } remaining || Number(response, Limit) is not { } limit || ResetAfter(response) is not { } reset)
        {
            return null;
        }

        var threshold = Math.Max(1, Math.Ceiling(limit * slowDownBelow));
        if (remaining >= threshold)
        {
            return null;
        }

        return remaining <= 0 ? reset : reset / (remaining + 1);
    }

    private static double? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
