using System.Diagnostics;
using System.Globalization;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>Percentiles and formatting for the reports.</summary>
public static class Stats
{
    public static double Ms(long fromTimestamp, long toTimestamp) => Stopwatch.GetElapsedTime(fromTimestamp, toTimestamp).TotalMilliseconds;

    /// <summary>Nearest-rank percentile of <paramref name="sorted"/> (ascending); NaN when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public sealed record Summary(int Count, double P50, double P90, double P99, double Max, double Mean);

    public static Summary Summarize(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return new Summary(sorted.Count, Percentile(sorted, 50), Percentile(sorted, 90), Percentile(sorted, 99),
            sorted.Count == 0 ? double.NaN : sorted[^1], sorted.Count == 0 ? double.NaN : sorted.Average());
    }

    public static string Format(Summary s, string unit = "ms") => string.Create(CultureInfo.InvariantCulture,
        $"n={s.Count} p50={s.P50:0.0} p90={s.P90:0.0} p99={s.P99:0.0} max={s.Max:0.0} mean={s.Mean:0.0} {unit}");

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
