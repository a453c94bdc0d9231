using System.Globalization;

namespace CrmBridge.Bench.Runs;

/// <summary>This process's own peak resident memory (VmHWM), the figure the memory targets speak of.</summary>
internal static class PeakMemory
{
    public static double Megabytes()
    {
        const string Key = "VmHWM:";
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(Key, StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line[Key.Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                    return kilobytes / 1024.0;
                }
            }
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
