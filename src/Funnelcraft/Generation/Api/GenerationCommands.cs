using Funnelcraft.Generation.Changes;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Generation.Worker;
using Funnelcraft.Operations;
using Funnelcraft.Writers;

namespace Funnelcraft.Generation.Api;

/// <summary>
/// What a person can ask of generation — start a run, regenerate one step, cancel a run, retry a step or every failed
/// one — for the API and the pages alike. Each is one change (<see cref="RunChanges"/>); a change that queues a run
/// wakes this node's worker, which claims it.
/// </summary>
public sealed class GenerationCommands(RunChanges changes, StatusLookup lookup, WorkerWakeUp wakeUp, IWriterInfo writer, GenerationTelemetry telemetry)
{
    /// <summary>
    /// Starts a run on <paramref name="ownerId"/>'s project writing what <paramref name="scope"/> asks. The checks (an
    /// earlier start with the same key, the intake, an active run, the content of the one step asked for) are made on the
    /// state the start saves against, so two starts never both pass them.
    /// </summary>
    public async Task<CommandResult<StartRun.Verdict>> StartAsync(
        Guid projectId, string ownerId, Guid? intakeId, RunScope scope, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var result = await changes.MakeAsync(projectId, new StartRun(ownerId, intakeId, scope, idempotencyKey, writer.Model), cancellationToken);
        var verdict = result.ProjectFound ? result.Value : StartRun.Verdict.ProjectNotFound;
        switch (verdict)
        {
            case StartRun.Verdict.Started:
                telemetry.RunStarted(scope.Step is null ? "run" : "regenerate-step");
                wakeUp.Wake();
                return new(verdict, result.Status);
            case StartRun.Verdict.Repeated or StartRun.Verdict.Conflict:
                return new(verdict, await CurrentAsync(projectId, cancellationToken));
            default:
                return new(verdict, null);
        }
    }

    /// <summary>
    /// Starts a run that writes one step again (<paramref name="scope"/>: its instruction, its dependents) from the intake
    /// the project's latest run used; a step without content is <see cref="StartRun.Verdict.NoContent"/>.
    /// </summary>
    public Task<CommandResult<StartRun.Verdict>> RegenerateStepAsync(
        Guid projectId, string ownerId, RunScope scope, string? idempotencyKey, CancellationToken cancellationToken) =>
        StartAsync(projectId, ownerId, intakeId: null, scope, idempotencyKey, cancellationToken);

    /// <summary>Cancels the active run: remaining steps become cancelled, finished content stays.</summary>
    public async Task<CommandResult<CancelRun.Verdict>> CancelAsync(Guid projectId, string userId, CancellationToken cancellationToken)
    {
        var result = await changes.MakeAsync(projectId, new CancelRun(userId), cancellationToken);
        return (result.ProjectFound ? result.Value : CancelRun.Verdict.ProjectNotFound) switch
        {
            CancelRun.Verdict.Cancelled => new(CancelRun.Verdict.Cancelled, result.Status),
            CancelRun.Verdict.NothingRuns => new(CancelRun.Verdict.NothingRuns, await CurrentAsync(projectId, cancellationToken)),
            _ => new(CancelRun.Verdict.ProjectNotFound, null),
        };
    }

    /// <summary>Runs a failed or skipped step again (with what it needs and what needs it), keeping everything else.</summary>
    public Task<CommandResult<RetrySteps.Verdict>> RetryStepAsync(Guid projectId, string userId, int step, CancellationToken cancellationToken) =>
        RetryAsync(projectId, RetrySteps.Step(userId, step), cancellationToken);

    /// <summary>Runs every failed or skipped step of the latest run again, in one run, keeping everything else.</summary>
    public Task<CommandResult<RetrySteps.Verdict>> RetryFailedAsync(Guid projectId, string userId, CancellationToken cancellationToken) =>
        RetryAsync(projectId, RetrySteps.AllFailed(userId), cancellationToken);

    private async Task<CommandResult<RetrySteps.Verdict>> RetryAsync(Guid projectId, RetrySteps retry, CancellationToken cancellationToken)
    {
        var result = await changes.MakeAsync(projectId, retry, cancellationToken);
        switch (result.ProjectFound ? result.Value : RetrySteps.Verdict.ProjectNotFound)
        {
            case RetrySteps.Verdict.Queued:
                telemetry.RunStarted("retry");
                wakeUp.Wake();
                return new(RetrySteps.Verdict.Queued, result.Status);
            case RetrySteps.Verdict.ProjectNotFound:
                return new(RetrySteps.Verdict.ProjectNotFound, null);
            case var verdict:
                return new(verdict, await CurrentAsync(projectId, cancellationToken));
        }
    }

    private async Task<GenerationStatus?> CurrentAsync(Guid projectId, CancellationToken cancellationToken) =>
        (await lookup.LoadAsync(projectId, cancellationToken))?.Status;
}
