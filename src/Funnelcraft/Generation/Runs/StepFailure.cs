namespace Funnelcraft.Generation.Runs;

/// <summary>What a failed attempt of a step comes to (<see cref="FailurePolicy"/>): try again after a delay, or fail the step.</summary>
public abstract record StepFailure
{
    private StepFailure()
    {
    }

    /// <summary>The step waits <see cref="Delay"/> (its detail says why), then starts again with the next attempt.</summary>
    public sealed record Retry(TimeSpan Delay, string Detail) : StepFailure;

    /// <summary>The step fails with a message a person can read; what needs it is skipped.</summary>
    public sealed record Fail(string Message) : StepFailure;
}
