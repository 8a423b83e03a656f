using System.Net;
using Funnelcraft.Operations;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Accounts;

/// <summary>
/// Slows password guessing without letting a stranger lock anyone out. Past <see cref="SignInThrottleOptions.FreeAttempts"/>
/// failures, the next attempt must wait <see cref="SignInThrottleOptions.BaseDelay"/>, doubling with each failure up to
/// <see cref="SignInThrottleOptions.MaxDelay"/>; an attempt that comes too early is refused unchecked (429 with
/// Retry-After), whether or not the account exists, and is not counted (so hammering never makes the wait longer than
/// the failures themselves do). At most as many password checks as there are free attempts run at once for one address
/// or account, so a burst of concurrent guesses cannot slip past the count.
/// Counted: the client address (one guesser, many accounts) and the account (many guessers, one account) — but an
/// address that signed in to the account before is exempt from the account's count, so the owner's own devices keep
/// working while strangers hammer the account. Kept in memory on each node, bounded by <see cref="SignInThrottleOptions.MaxTracked"/>.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly SignInThrottleOptions _options;
    private readonly TimeProvider _time;
    private readonly MemoryCache _entries;
    private readonly Lock _gate = new();

    public SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.MaxTracked, Clock = new Clock(time) });
    }

    /// <summary>A sign-in under way: refused (with the wait), or let through with the counters it belongs to.</summary>
    public sealed record Attempt(TimeSpan? RetryAfter, Counter? Address, Counter? Account, string FamiliarKey);

    public sealed class Counter
    {
        public int Failures { get; set; }
        public DateTimeOffset Last { get; set; }
        public int InFlight { get; set; }
    }

    /// <summary>Starts an attempt for <paramref name="account"/> from <paramref name="address"/>: refused while either must still wait. End it with <see cref="End"/>.</summary>
    public Attempt Begin(string account, IPAddress? address)
    {
        var accountKey = account.Trim().ToUpperInvariant();
        var addressKey = ClientAddress.Of(address);
        var familiarKey = $"familiar:{accountKey}|{addressKey}";
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var byAddress = CounterFor($"address:{addressKey}");
            var byAccount = _entries.TryGetValue(familiarKey, out _) ? null : CounterFor($"account:{accountKey}");
            var wait = Max(Wait(byAddress, now), byAccount is null ? TimeSpan.Zero : Wait(byAccount, now));
            if (wait == TimeSpan.Zero && (byAddress.InFlight >= _options.FreeAttempts || byAccount?.InFlight >= _options.FreeAttempts))
            {
                wait = _options.BaseDelay; // as many checks as there are free attempts are already running
            }

            if (wait > TimeSpan.Zero)
            {
                return new Attempt(wait, null, null, familiarKey);
            }

            byAddress.InFlight++;
            if (byAccount is not null)
            {
                byAccount.InFlight++;
            }

            return new Attempt(null, byAddress, byAccount, familiarKey);
        }
    }

    /// <summary>
    /// Ends an attempt. A failure counts against its address and (from an unfamiliar address) its account. A success
    /// forgives the address's failures (whoever signs in from it knows a password; the accounts it guessed at keep their
    /// own counts) and makes the address familiar to the account. Null: no verdict (the check itself failed), nothing counts.
    /// </summary>
    public void End(Attempt attempt, bool? succeeded)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var counter in new[] { attempt.Address, attempt.Account })
            {
                if (counter is null)
                {
                    continue;
                }

                counter.InFlight--;
                if (succeeded == false)
                {
                    counter.Failures++;
                    counter.Last = now;
                }
            }

            if (succeeded == true)
            {
                attempt.Address!.Failures = 0;
                _entries.Set(attempt.FamiliarKey, true, new MemoryCacheEntryOptions { SlidingExpiration = _options.FamiliarFor, Size = 1 });
            }
        }
    }

    public void Dispose() => _entries.Dispose();

    private Counter CounterFor(string key) => _entries.GetOrCreate(key, entry =>
    {
        entry.SlidingExpiration = _options.ForgetAfter;
        entry.Size = 1;
        return new Counter();
    })!;

    private TimeSpan Wait(Counter counter, DateTimeOffset now)
    {
        if (counter.Failures < _options.FreeAttempts)
        {
            return TimeSpan.Zero;
        }

        var doubled = _options.BaseDelay.Ticks * Math.Pow(2, Math.Min(counter.Failures - _options.FreeAttempts, 62));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.MaxDelay.Ticks, doubled));
        var left = counter.Last + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Clock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}

/// <summary>Set on the request when a sign-in was refused unchecked: the client must wait <see cref="RetryAfter"/>.</summary>
public sealed record SignInThrottled(TimeSpan RetryAfter)
{
    public int Seconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
