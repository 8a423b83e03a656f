using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>
/// The calling thread's CPU time in nanoseconds (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), so a
/// single-threaded micro-benchmark on a busy machine counts its own work, not the time slices others take;
/// wall-clock time elsewhere.
/// </summary>
public static class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    public static double Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var spec) == 0)
        {
            return (spec.Seconds * 1e9) + spec.Nanoseconds;
        }

        return Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; this blittable call needs no marshalling either way
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054
}
