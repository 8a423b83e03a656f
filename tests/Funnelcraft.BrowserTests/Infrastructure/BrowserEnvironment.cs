using System.Runtime.CompilerServices;

namespace Funnelcraft.BrowserTests.Infrastructure;

/// <summary>
/// Where the machine's Chromium is, and whether browser tests run: they drive CHROMIUM_PATH (default /usr/bin/chromium)
/// and never download a browser. Without Chromium they are skipped with a message, unless FUNNELCRAFT_REQUIRE_BROWSER=1
/// (as in CI), when they fail.
/// </summary>
public static class BrowserEnvironment
{
    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable("FUNNELCRAFT_REQUIRE_BROWSER") == "1";

    public static bool ChromiumFound => File.Exists(ChromiumPath);

    /// <summary>True when the tests should run: Chromium is there, or CI requires them (they then fail if it is missing).</summary>
    public static bool CanRun => ChromiumFound || Required;

    public static string Missing =>
        $"Chromium was not found at {ChromiumPath}: set CHROMIUM_PATH or install it (apt-get install -y chromium). " +
        "Browser tests are skipped; set FUNNELCRAFT_REQUIRE_BROWSER=1 to fail instead.";

    public static IReadOnlyList<string> LaunchArgs { get; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Screenshots for docs/screenshots are written only when FUNNELCRAFT_SCREENSHOTS=1.</summary>
    public static bool Screenshots => Environment.GetEnvironmentVariable("FUNNELCRAFT_SCREENSHOTS") == "1";
}

/// <summary>A browser test: skipped with a clear message when Chromium is missing (unless CI requires it).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        Skip = BrowserEnvironment.Missing;
        SkipUnless = nameof(BrowserEnvironment.CanRun);
        SkipType = typeof(BrowserEnvironment);
    }
}
