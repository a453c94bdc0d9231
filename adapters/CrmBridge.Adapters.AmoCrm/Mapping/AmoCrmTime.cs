namespace CrmBridge.Adapters.AmoCrm.Mapping;

/// <summary>amoCRM counts time in whole Unix seconds, UTC.</summary>
internal static class AmoCrmTime
{
    public static DateTimeOffset? FromUnix(long? seconds) =>
        seconds is > 0 and var value ? DateTimeOffset.FromUnixTimeSeconds(value) : null;

    /// <summary>The whole second a time falls in; used for "from" filters, so nothing in that second is missed.</summary>
    public static long Floor(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
