using Funnelcraft.Generation.Runs;
using Funnelcraft.Steps;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// The executor's change: every report its steps made since its last change — progress, content written (a new
/// version), a fault (retry after a delay, or fail and skip what needs the step), a retry that is due — then the steps
/// that became ready start and the run ends when nothing is left; the lease is renewed with it. Null when the claim no
/// longer holds the run (cancelled, finished or claimed again): the executor stops.
/// </summary>
/// <param name="busy">Steps the executor still has an attempt of in flight (also one winding down): they take a slot.</param>
public sealed class RecordReports(RunClaim claim, IReadOnlyList<StepReport> reports, IReadOnlySet<int> busy, GenerationOptions options)
    : RunChange<RecordReports.Recorded?>
{
    /// <summary>The run as saved, and what became of each report.</summary>
    public sealed record Recorded(GenerationRun Run, IReadOnlyList<Outcome> Outcomes);

    /// <summary>A report, whether it was taken (false: its attempt was over), and for a fault what it came to.</summary>
    public sealed record Outcome(StepReport Report, bool Taken, StepFailure? Failure);

    public override Decision<Recorded?> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (state.Run is not { } run || run.Id != claim.RunId || !RunLease.IsHeldBy(run, claim.Owner))
        {
            return Decision.Abandon<Recorded?>(null);
        }

        var inFlight = new HashSet<int>(busy);
        var outcomes = new List<Outcome>(reports.Count);
        foreach (var report in reports)
        {
            var step = run.Step(report.Step);
            if (step.Status != StepStatus.InProgress || step.Attempt != report.Attempt)
            {
                outcomes.Add(new Outcome(report, false, null));
                continue;
            }

            StepFailure? failure = null;
            switch (report)
            {
                case StepReport.Progress p:
                    RunTransitions.ReportProgress(step, p.Detail, p.Percent);
                    break;
                case StepReport.Written w:
                    RunTransitions.CompleteStep(step, now, w.Content.InputTokens, w.Content.OutputTokens);
                    state.AddVersion(step.Step, w.Content, run.Id, VersionOrigin.Generated(run.WriterModel, step.Instruction), now, writtenBy: step);
                    state.Generated(step.Step, run.WriterModel, w.Elapsed, now);
                    inFlight.Remove(step.Step);
                    break;
                case StepReport.Faulted f:
                    failure = RunTransitions.FaultStep(run, step, f.Fault, f.Tries, options, f.Jitter, now);
                    if (failure is StepFailure.Fail)
                    {
                        inFlight.Remove(step.Step);
                    }

                    break;
                case StepReport.RetryDue:
                    RunTransitions.RetryStep(step);
                    inFlight.Remove(step.Step);
                    break;
            }

            outcomes.Add(new Outcome(report, true, failure));
        }

        RunTransitions.Advance(run, inFlight, options.MaxParallelSteps, now);
        if (RunStatus.IsActive(run.Status))
        {
            RunLease.Renew(run, now + options.LeaseDuration);
        }

        return Decision.Save<Recorded?>(new Recorded(run, outcomes));
    }
}
