using Funnelcraft.Writers;

namespace Funnelcraft.Generation.Runs;

/// <summary>
/// What an attempt of a step reports to its run's executor, which folds every report that has arrived into one change
/// (<see cref="Changes.RecordReports"/>). <see cref="Attempt"/> ties a report to its attempt: a report of an attempt that
/// is over changes nothing.
/// </summary>
public abstract record StepReport(int Step, int Attempt)
{
    /// <summary>Progress inside the step ("outline", "slides 30/60").</summary>
    public sealed record Progress(int Step, int Attempt, string Detail, int Percent) : StepReport(Step, Attempt);

    /// <summary>The step's content, validated.</summary>
    public sealed record Written(int Step, int Attempt, WrittenContent Content, TimeSpan Elapsed) : StepReport(Step, Attempt);

    /// <summary>
    /// The writer failed on the step's <see cref="Tries"/>th attempt since this executor started it (each start — a run's
    /// first pass, a retry, a resume — gets every try); <see cref="Jitter"/> (in [0, 1)) spreads the retry delay
    /// (<see cref="FailurePolicy"/>).
    /// </summary>
    public sealed record Faulted(int Step, int Attempt, int Tries, WriterFaults.Fault Fault, TimeSpan Elapsed, double Jitter, Exception Error) : StepReport(Step, Attempt);

    /// <summary>The delay before the step's next attempt is over.</summary>
    public sealed record RetryDue(int Step, int Attempt) : StepReport(Step, Attempt);

    /// <summary>The step's inputs could not be read (the database, not the writer): the run stops on this node and is resumed.</summary>
    public sealed record Broken(int Step, int Attempt, Exception Error) : StepReport(Step, Attempt);
}
