namespace Funnelcraft.Testing;

/// <summary>
/// The app as an operator deploys it: <c>dotnet publish -c Release</c> of src/Funnelcraft into a temporary folder, once
/// per test run (every test that asks shares the same output), started with <see cref="AppProcess.StartAsync"/>.
/// FUNNELCRAFT_PUBLISH_DIR names an existing publish output to use instead (to run these tests again quickly).
/// </summary>
public static class PublishedApp
{
    private static readonly Lazy<Task<string>> Output = new(PublishAsync);

    /// <summary>The publish output folder (published on the first call).</summary>
    public static Task<string> FolderAsync() => Output.Value;

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable("FUNNELCRAFT_PUBLISH_DIR") is { Length: > 0 } given && File.Exists(Path.Combine(given, "Funnelcraft.dll")))
        {
            return given;
        }

        var project = Repository.File("src/Funnelcraft/Funnelcraft.csproj");
        var folder = Path.Combine(Path.GetTempPath(), $"funnelcraft-publish-{Environment.ProcessId}-{Guid.NewGuid():N}");
        // The test build restored the packages already; no app host: the service runs "dotnet Funnelcraft.dll".
        await ChildProcess.RunAsync("dotnet", $"publish \"{project}\" -c Release -o \"{folder}\" --no-restore --nologo --disable-build-servers -p:UseAppHost=false",
            timeout: TimeSpan.FromMinutes(10));
        return folder;
    }
}
