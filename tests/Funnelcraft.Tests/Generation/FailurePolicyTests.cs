using Funnelcraft.Generation;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Writers;

namespace Funnelcraft.Tests.Generation;

/// <summary>What a failed attempt comes to, decided without I/O from the step's tries, the fault, the options and a jitter.</summary>
public sealed class FailurePolicyTests
{
    private static readonly GenerationOptions Options = new()
    {
        MaxAttempts = 3,
        RetryBaseDelay = TimeSpan.FromSeconds(2),
        MaxRetryDelay = TimeSpan.FromSeconds(60),
    };

    private static readonly WriterFaults.Fault ServerError = new("The AI provider had an error (HTTP 500).", true, null);

    [Theory]
    [InlineData(1, 0.0, 1600)] // 2 s × 2⁰ × 0.8
    [InlineData(1, 0.5, 2000)]
    [InlineData(2, 1.0, 4800)] // 2 s × 2¹ × 1.2
    public void A_transient_fault_with_attempts_left_is_retried_after_a_jittered_exponential_delay(int attempt, double jitter, int expectedMs)
    {
        var decision = FailurePolicy.Decide(attempt, ServerError, Options, jitter);

        var retry = Assert.IsType<StepFailure.Retry>(decision);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), retry.Delay);
        Assert.Equal($"Retrying in {Math.Ceiling(expectedMs / 1000.0):0}s: The AI provider had an error (HTTP 500).", retry.Detail);
    }

    [Fact]
    public void The_providers_Retry_After_wins_when_longer_but_never_past_the_longest_delay()
    {
        var rateLimited = new WriterFaults.Fault("The AI provider is rate limiting requests (HTTP 429).", true, TimeSpan.FromSeconds(30));
        var tooLong = rateLimited with { RetryAfter = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<StepFailure.Retry>(FailurePolicy.Decide(1, rateLimited, Options, 0.5)).Delay);
        Assert.Equal(TimeSpan.FromSeconds(60), Assert.IsType<StepFailure.Retry>(FailurePolicy.Decide(1, tooLong, Options, 0.5)).Delay);
    }

    [Fact]
    public void A_transient_fault_on_the_last_attempt_fails_the_step_saying_it_gave_up()
    {
        var decision = FailurePolicy.Decide(3, ServerError, Options, 0.5);

        Assert.Equal("The AI provider had an error (HTTP 500). (gave up after 3 attempts)", Assert.IsType<StepFailure.Fail>(decision).Message);
    }

    [Fact]
    public void A_fault_retrying_cannot_fix_fails_the_step_at_once_with_its_message()
    {
        var refused = new WriterFaults.Fault("The AI provider refused the API key (HTTP 401). Check the writer's API key in the configuration.", false, null);

        var decision = FailurePolicy.Decide(1, refused, Options, 0.5);

        Assert.Equal(refused.Message, Assert.IsType<StepFailure.Fail>(decision).Message);
    }
}
