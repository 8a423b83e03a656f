using System.Globalization;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>What the figures were measured on, printed before and after each benchmark (the machine is shared).</summary>
public static class Machine
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static double Load1() =>
        double.TryParse(LoadAverage().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;

    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        return $"cpus={Environment.ProcessorCount} cpu=\"{cpu}\" mem={memKb} .NET={Environment.Version} gc={(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} load={LoadAverage()}";
    }

    /// <summary>Waits (bounded) for the 1-minute load average to drop below <paramref name="threshold"/>, so figures are taken on a quiet machine.</summary>
    public static async Task WaitForQuietAsync(double threshold, TimeSpan maxWait)
    {
        if (threshold <= 0)
        {
            return;
        }

        var deadline = DateTime.UtcNow + maxWait;
        while (Load1() >= threshold && DateTime.UtcNow < deadline)
        {
            Console.WriteLine($"  load {LoadAverage()} ≥ {threshold}: waiting for a quieter machine …");
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
    }
}
