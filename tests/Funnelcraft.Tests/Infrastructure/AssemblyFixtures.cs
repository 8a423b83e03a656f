[assembly: AssemblyFixture(typeof(Funnelcraft.Testing.PostgresCluster))]
[assembly: CaptureConsole]
