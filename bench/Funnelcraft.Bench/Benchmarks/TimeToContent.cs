using Funnelcraft.Bench.Infrastructure;

namespace Funnelcraft.Bench.Benchmarks;

public static class TimeToContent
{
    public static Task<int> RunAsync(Options options) => Task.FromResult(2);
}
