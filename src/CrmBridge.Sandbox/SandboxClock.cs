namespace CrmBridge.Sandbox;

/// <summary>The sandbox's time: starts at the dataset's Now and advances with the TimeProvider, in whole milliseconds.</summary>
internal sealed class SandboxClock(TimeProvider time, DateTimeOffset start)
{
    private readonly DateTimeOffset providerStart = time.GetUtcNow();

    public DateTimeOffset Start { get; } = start.ToUniversalTime();

    public DateTimeOffset Now
    {
        get
        {
            var now = Start + (time.GetUtcNow() - providerStart);
            return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        }
    }
}
