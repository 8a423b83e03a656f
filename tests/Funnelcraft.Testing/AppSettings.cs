namespace Funnelcraft.Testing;

/// <summary>The settings every test, browser-test and bench app starts from; each adds or overrides its own.</summary>
public static class AppSettings
{
    /// <summary>
    /// The database, the offline writer at zero delay, rate limits out of the way (one client address and a few users
    /// send every request), and only warnings logged.
    /// </summary>
    public static Dictionary<string, string?> Defaults(string provider, string connectionString) => new()
    {
        ["Database:Provider"] = provider,
        ["ConnectionStrings:Funnelcraft"] = connectionString,
        ["Writer:Provider"] = "Offline",
        ["Writer:Offline:StepDelay"] = "00:00:00",
        ["RateLimits:GenerationPerMinute"] = "1000000",
        ["RateLimits:AuthPerMinute"] = "1000000",
        ["RateLimits:ContentChangesPerMinute"] = "1000000",
        ["SignInThrottle:FreeAttempts"] = "1000",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
    };

    /// <summary>Fast retries and polling, for tests that wait on a run (not for the bench, whose figures use the defaults).</summary>
    public static Dictionary<string, string?> ForTests(string provider, string connectionString)
    {
        var settings = Defaults(provider, connectionString);
        settings["Generation:RetryBaseDelay"] = "00:00:00.010";
        settings["Generation:PollInterval"] = "00:00:00.100";
        return settings;
    }

    /// <summary><paramref name="settings"/> with <paramref name="overrides"/> applied over them.</summary>
    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, IEnumerable<KeyValuePair<string, string?>>? overrides)
    {
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }
}
