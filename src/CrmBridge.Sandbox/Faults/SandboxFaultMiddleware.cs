using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Faults;

/// <summary>
/// Sits in front of the endpoints and does to the connection what a callback cannot: holds an answer back, cuts it
/// short, or closes the connection without one. The decision comes from the endpoint through <see cref="SandboxFaultSlot"/>.
/// </summary>
internal static class SandboxFaultMiddleware
{
    public static void Use(IApplicationBuilder app, Func<SandboxFaults?> current)
    {
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            var faults = current();
            if (faults is null)
            {
                await next(context);
                return;
            }

            var options = faults.Options;
            if (options.Latency > TimeSpan.Zero && !await DelayAsync(options.Latency, context.RequestAborted))
            {
                return;
            }

            var slot = new SandboxFaultSlot();
            SandboxFaultSlot.Current = slot;
            if (!faults.Enabled)
            {
                await next(context);
                if (slot.Action is SandboxFaultAction.DropBefore or SandboxFaultAction.DropAfter)
                {
                    context.Abort();
                }

                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            switch (slot.Action)
            {
                case SandboxFaultAction.DropBefore or SandboxFaultAction.DropAfter:
                    context.Abort();
                    return;
                case SandboxFaultAction.TruncatedAfter when buffer.Length > 1:
                    context.Response.ContentLength = buffer.Length;
                    await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)(buffer.Length / 2)), context.RequestAborted);
                    await original.FlushAsync(context.RequestAborted);
                    context.Abort();
                    return;
                case SandboxFaultAction.TimeoutAfter when !await DelayAsync(options.TimeoutDelay, context.RequestAborted):
                    return;
                default:
                    break;
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });
    }

    /// <summary>Waits, or returns false when the client gave up first.</summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(delay, aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
