using Funnelcraft.Data;
using Funnelcraft.Steps;
using Funnelcraft.Writers;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation;

/// <summary>What a person can ask of generation: start a run, cancel it, retry a step or every failed one.</summary>
public sealed class GenerationCommands(
    GenerationStore store,
    IDbContextFactory<AppDbContext> dbFactory,
    RunSignal signal,
    RunHandoff handoff,
    RunLeases leases,
    ActiveRuns activeRuns,
    IWriterInfo writer,
    Operations.GenerationTelemetry telemetry)
{
    public enum StartVerdict
    {
        Started,
        Repeated,
        Conflict,
        NoIntake,
        IntakeNotFound,
        /// <summary>The one step asked for has no content yet: a start writes it.</summary>
        NoContent,
        ProjectNotFound,
    }

    public sealed record StartResult(StartVerdict Verdict, GenerationStatus? Status);

    /// <summary>
    /// Starts a run on <paramref name="ownerId"/>'s project writing what <paramref name="scope"/> asks. The checks (an
    /// earlier start with the same key, the intake, an active run, the content of the step asked for) are made under the
    /// project's lock in the start's own transaction, so two starts never both pass them.
    /// </summary>
    public async Task<StartResult> StartAsync(
        Guid projectId, string ownerId, Guid? intakeId, RunScope scope, string? idempotencyKey, CancellationToken cancellationToken)
    {
        // This node runs what it starts when its worker has room: the run is created with this node's lease and handed over.
        var local = handoff.TryReserve();
        var leased = new List<RunLeases.Claim>(1); // every lease a try of the change wrote (a retried change writes another)
        RunLeases.Claim? handedOver = null;
        try
        {
            RunLeases.Claim? claim = null;
            var (facts, created) = await store.StartRunAsync(projectId, ownerId, intakeId, idempotencyKey, facts =>
            {
                claim = null;
                if (facts.KeyUsed || !facts.IntakeFound || facts.ActiveRun || (scope.Step is { } step && !facts.Current.ContainsKey(step)))
                {
                    return null;
                }

                var run = NewRun(projectId, intakeId, scope, idempotencyKey, scope.Kept(facts.Current), facts.Now);
                if (local && RunStatus.IsActive(run.Status))
                {
                    (claim, var expiresAt) = leases.ForNewRun(run.Id, projectId, facts.Now);
                    leased.Add(claim);
                    run.LeaseOwner = claim.Owner;
                    run.LeaseExpiresAt = expiresAt;
                }

                return run;
            }, cancellationToken);

            switch (facts, created)
            {
                case (null, _):
                    return new StartResult(StartVerdict.ProjectNotFound, null);
                case ({ KeyUsed: true }, null):
                    return new StartResult(StartVerdict.Repeated, await CurrentAsync(projectId, cancellationToken));
                case ({ IntakeFound: false }, null):
                    return new StartResult(intakeId is null ? StartVerdict.NoIntake : StartVerdict.IntakeNotFound, null);
                case ({ ActiveRun: false }, null):
                    return new StartResult(StartVerdict.NoContent, null);
                case (_, null):
                    return new StartResult(StartVerdict.Conflict, await CurrentAsync(projectId, cancellationToken));
            }

            telemetry.RunStarted(scope.Step is null ? "run" : "regenerate-step");
            if (claim is not null)
            {
                local = false; // the slot goes with the run
                handedOver = handoff.HandOver(claim, created) ? claim : null;
            }

            signal.Wake();
            return new StartResult(StartVerdict.Started, created.Status);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another start won the race: the same idempotency key, or another active run.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var repeated = idempotencyKey is not null
                && await db.Runs.AnyAsync(r => r.ProjectId == projectId && r.IdempotencyKey == idempotencyKey, cancellationToken);
            return new StartResult(repeated ? StartVerdict.Repeated : StartVerdict.Conflict, await CurrentAsync(projectId, cancellationToken));
        }
        finally
        {
            if (local)
            {
                handoff.Free();
                signal.Wake(); // the worker may have found no free slot meanwhile
            }

            // A lease written for this node and not handed over (the worker stopped meanwhile, or a try of the change that
            // committed although its commit failed): hand it back, so that any worker takes the run at once.
            foreach (var claim in leased.Where(c => c != handedOver))
            {
                await leases.HandBackAsync(claim);
                signal.Wake();
            }
        }
    }

    /// <summary>
    /// Starts a run that writes one step again (<paramref name="scope"/>: its instruction, its dependents), from the
    /// intake the project's latest run used. The checks are <see cref="StartAsync"/>'s, and a step without content is
    /// <see cref="StartVerdict.NoContent"/>.
    /// </summary>
    public async Task<StartResult> RegenerateStepAsync(Guid projectId, string ownerId, RunScope scope, string? idempotencyKey, CancellationToken cancellationToken)
    {
        Guid? intakeId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            intakeId = await db.Runs.AsNoTracking().Where(r => r.ProjectId == projectId)
                .OrderByDescending(r => r.CreatedAt).Select(r => r.IntakeId).FirstOrDefaultAsync(cancellationToken);
        }

        return await StartAsync(projectId, ownerId, intakeId, scope, idempotencyKey, cancellationToken);
    }

    /// <summary>Cancels the active run: remaining steps become cancelled, finished content stays. False when nothing runs.</summary>
    public async Task<(bool Found, bool Cancelled, GenerationStatus? Status)> CancelAsync(Guid projectId, CancellationToken cancellationToken)
    {
        var result = await store.ChangeAsync(projectId, change =>
        {
            if (change.Run is not { } run || !RunStatus.IsActive(run.Status))
            {
                return Task.FromResult(Outcome.Abandon<Guid?>(null));
            }

            RunTransitions.Cancel(run, change.Now);
            return Task.FromResult(Outcome.Save<Guid?>(run.Id));
        }, cancellationToken);

        if (result.Value is { } runId)
        {
            activeRuns.Cancel(runId);
            return (true, true, result.Status);
        }

        return (result.ProjectFound, false, result.ProjectFound ? await CurrentAsync(projectId, cancellationToken) : null);
    }

    public enum RetryVerdict
    {
        Queued,
        RunActive,
        NotRetryable,
        ProjectNotFound,
    }

    /// <summary>Runs a failed or skipped step again (with what it needs and what needs it), keeping everything else.</summary>
    public Task<(RetryVerdict Verdict, GenerationStatus? Status)> RetryStepAsync(Guid projectId, int step, CancellationToken cancellationToken) =>
        ReopenAsync(projectId, (run, now) => RunTransitions.Reopen(run, step, now), cancellationToken);

    /// <summary>Runs every failed or skipped step of the latest run again, in one run, keeping everything else.</summary>
    public Task<(RetryVerdict Verdict, GenerationStatus? Status)> RetryFailedAsync(Guid projectId, CancellationToken cancellationToken) =>
        ReopenAsync(projectId, RunTransitions.ReopenFailed, cancellationToken);

    private async Task<(RetryVerdict Verdict, GenerationStatus? Status)> ReopenAsync(
        Guid projectId, Func<GenerationRun, DateTimeOffset, bool> reopen, CancellationToken cancellationToken)
    {
        var result = await store.ChangeAsync(projectId, change =>
        {
            var verdict = change.Run switch
            {
                null => RetryVerdict.NotRetryable,
                { } r when RunStatus.IsActive(r.Status) => RetryVerdict.RunActive,
                { } r when !reopen(r, change.Now) => RetryVerdict.NotRetryable,
                _ => RetryVerdict.Queued,
            };
            return Task.FromResult(verdict == RetryVerdict.Queued
                ? Outcome.Save<RetryVerdict>(verdict)
                : Outcome.Abandon<RetryVerdict>(verdict));
        }, cancellationToken);

        if (!result.ProjectFound)
        {
            return (RetryVerdict.ProjectNotFound, null);
        }

        if (result.Value == RetryVerdict.Queued)
        {
            telemetry.RunStarted("retry");
            signal.Wake();
            return (result.Value, result.Status);
        }

        return (result.Value, await CurrentAsync(projectId, cancellationToken));
    }

    private async Task<GenerationStatus?> CurrentAsync(Guid projectId, CancellationToken cancellationToken) =>
        (await store.LoadAsync(projectId, cancellationToken))?.Status;

    /// <param name="kept">Steps the run does not write, each with the reason its row shows.</param>
    private GenerationRun NewRun(Guid projectId, Guid? intakeId, RunScope scope, string? idempotencyKey, IReadOnlyDictionary<int, string> kept, DateTimeOffset now)
    {
        var run = new GenerationRun
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = projectId,
            Status = RunStatus.Queued,
            IntakeId = intakeId,
            Regenerate = scope.Regenerate,
            IdempotencyKey = idempotencyKey,
            WriterModel = writer.Model,
            CreatedAt = now,
        };
        foreach (var step in StepCatalog.All)
        {
            var reason = kept.GetValueOrDefault(step.Number);
            run.Steps.Add(new RunStep
            {
                RunId = run.Id,
                Step = step.Number,
                Status = reason is null ? StepStatus.Pending : StepStatus.Completed,
                Detail = reason,
                Percent = reason is null ? 0 : 100,
                Instruction = step.Number == scope.Step ? scope.Instruction : null,
            });
        }

        if (run.Steps.All(s => s.Status == StepStatus.Completed))
        {
            run.Status = RunStatus.Completed;
            run.StartedAt = now;
            run.CompletedAt = now;
        }

        return run;
    }
}
