[assembly: AssemblyFixture(typeof(Funnelcraft.BrowserTests.Infrastructure.BrowserFixture))]
// One app and one browser page at a time: the machine has few cores, and timing-sensitive UI is easier to trust serially.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
[assembly: CaptureConsole]
