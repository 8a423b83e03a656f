using Funnelcraft.Writers;

namespace Funnelcraft.Generation.Runs;

/// <summary>
/// What a failed writer attempt means, as a pure function of the step's tries, the fault, the options and a jitter: a
/// transient fault with tries left is retried after an exponential backoff (jittered, at least the provider's
/// Retry-After, at most <see cref="GenerationOptions.MaxRetryDelay"/>); anything else fails the step readably.
/// </summary>
public static class FailurePolicy
{
    /// <param name="tries">
    /// The failed attempt's number since the step was last started anew (a run's first pass, a retry, a resume after a
    /// crash): each start gets <see cref="GenerationOptions.MaxAttempts"/> tries, with the backoff from the first.
    /// </param>
    /// <param name="fault">What went wrong (<see cref="WriterFaults.Describe"/>).</param>
    /// <param name="options">Attempts and delays.</param>
    /// <param name="jitter">A number in [0, 1) that spreads retries of many steps apart.</param>
    public static StepFailure Decide(int tries, WriterFaults.Fault fault, GenerationOptions options, double jitter)
    {
        if (fault.Transient && tries < options.MaxAttempts)
        {
            var delay = Backoff(tries, fault.RetryAfter, options, jitter);
            return new StepFailure.Retry(delay, $"Retrying in {Math.Ceiling(delay.TotalSeconds):0}s: {fault.Message}");
        }

        return new StepFailure.Fail(fault.Transient ? $"{fault.Message} (gave up after {tries} attempts)" : fault.Message);
    }

    public static TimeSpan Backoff(int tries, TimeSpan? retryAfter, GenerationOptions options, double jitter)
    {
        var exponential = options.RetryBaseDelay * Math.Pow(2, tries - 1);
        var jittered = exponential * (0.8 + (Math.Clamp(jitter, 0, 1) * 0.4));
        var delay = retryAfter is { } r && r > jittered ? r : jittered;
        return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }
}
