[assembly: AssemblyFixture(typeof(Funnelcraft.Tests.Infrastructure.PostgresCluster))]
[assembly: CaptureConsole]
