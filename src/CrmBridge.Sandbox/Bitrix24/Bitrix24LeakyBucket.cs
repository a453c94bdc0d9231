namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>Bitrix24's limiter: each request adds one, the counter drains at a steady rate, and above the threshold requests are refused.</summary>
internal sealed class Bitrix24LeakyBucket(double drainPerSecond, int threshold)
{
    private readonly Lock gate = new();
    private double level;
    private DateTimeOffset last = DateTimeOffset.MinValue;

    public bool TryAdmit(DateTimeOffset now)
    {
        lock (gate)
        {
            if (last != DateTimeOffset.MinValue)
            {
                level = Math.Max(0, level - ((now - last).TotalSeconds * drainPerSecond));
            }

            last = now;
            if (level + 1 > threshold)
            {
                return false;
            }

            level += 1;
            return true;
        }
    }
}
