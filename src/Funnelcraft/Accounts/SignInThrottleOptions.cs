using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Accounts;

/// <summary>
/// How failed sign-ins slow down further attempts (instead of locking the account, which a stranger could renew forever).
/// Failures are counted per client address, and per account from addresses that have not signed in to it before.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "SignInThrottle";

    /// <summary>Failures allowed before each further attempt must wait.</summary>
    [Range(1, 1000)]
    public int FreeAttempts { get; set; } = 5;

    /// <summary>The wait after the first failure past the free ones; it doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures are forgotten this long after the last one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an address that signed in to an account stays familiar to it (its attempts skip the account's wait).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan FamiliarFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Addresses, accounts and familiar pairs remembered at most (a few hundred bytes each).</summary>
    [Range(100, 10_000_000)]
    public int MaxTracked { get; set; } = 100_000;
}
