using System.Runtime.InteropServices;

namespace CrmBridge.Bench.Output;

/// <summary>Where the figures were measured.</summary>
internal static class MachineDescription
{
    public static string Describe()
    {
        var cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        var memory = "";
        if (File.Exists("/proc/meminfo"))
        {
            var total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (total is not null && long.TryParse(total["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), out var kb))
            {
                memory = $", {kb / 1024.0 / 1024.0:0.#} GB RAM";
            }
        }

        return $"{cpu}, {Environment.ProcessorCount} cores{memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
