using System.Diagnostics;
using Funnelcraft.Operations;
using Funnelcraft.Steps;
using Funnelcraft.Writers;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation;

/// <summary>
/// Executes one claimed run: writes its ready steps in parallel (bounded), retries transient writer
/// faults, fails and skips without stopping the other steps, renews the lease, and stops at once when
/// the run is cancelled or the lease is lost. Every state change goes through <see cref="GenerationStore"/>
/// and is fenced by the lease, so a worker that lost its run cannot write to it.
/// </summary>
public sealed partial class RunExecutor(
    GenerationStore store,
    RunLeases leases,
    StepInputsLoader inputsLoader,
    IStepWriter writer,
    StepEstimates estimates,
    StatusHub hub,
    ActiveRuns activeRuns,
    WorkerIdentity identity,
    GenerationTelemetry telemetry,
    IWriterInfo writerInfo,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    ILogger<RunExecutor> logger)
{
    private readonly GenerationOptions _options = options.Value;

    public async Task ExecuteAsync(RunLeases.Claim claim, CancellationToken stoppingToken)
    {
        using var runCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var activity = GenerationTelemetry.ActivitySource.StartActivity("generation.run");
        activity?.SetTag("funnelcraft.run.id", claim.RunId).SetTag("funnelcraft.project.id", claim.ProjectId).SetTag("funnelcraft.worker", identity.Name);
        activeRuns.Add(claim.RunId, runCts);
        telemetry.ActiveRunsChanged(1);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = claim.RunId, ["ProjectId"] = claim.ProjectId });
        using var subscription = hub.Subscribe(claim.ProjectId);
        var heartbeat = HeartbeatAsync(claim, runCts);
        var watch = WatchForCancelAsync(claim, subscription, runCts);
        try
        {
            var begun = await ChangeRunAsync(claim, (run, now) =>
            {
                RunTransitions.Begin(run, now);
                return true;
            }, runCts.Token);
            if (begun is null)
            {
                return;
            }

            Log.RunStarted(logger, claim.RunId, identity.Name);
            await estimates.WarmAsync(begun.WriterModel, runCts.Token);
            await ScheduleAsync(claim, begun, runCts);
            var finished = await ChangeRunAsync(claim, (run, now) => RunTransitions.TryFinish(run, now), runCts.Token);
            if (finished is not null)
            {
                Log.RunFinished(logger, claim.RunId, finished.Status);
                telemetry.RunFinished(finished.Status);
                activity?.SetTag("funnelcraft.run.outcome", finished.Status);
            }
        }
        catch (OperationCanceledException) when (runCts.IsCancellationRequested)
        {
            Log.RunStopped(logger, claim.RunId, stoppingToken.IsCancellationRequested ? "node stopping" : "cancelled or lease lost");
        }
        catch (LeaseLostException)
        {
            Log.RunStopped(logger, claim.RunId, "cancelled or lease lost");
        }
        finally
        {
            await runCts.CancelAsync();
            activeRuns.Remove(claim.RunId);
            telemetry.ActiveRunsChanged(-1);
            await Task.WhenAll(heartbeat, watch);
            if (stoppingToken.IsCancellationRequested && _options.ReleaseLeaseOnShutdown)
            {
                await leases.ReleaseAsync(claim, CancellationToken.None);
            }
        }
    }

    private async Task ScheduleAsync(RunLeases.Claim claim, GenerationRun begun, CancellationTokenSource runCts)
    {
        var cancellationToken = runCts.Token;
        // A local copy of the step states: the scheduler decides from what its own step tasks report.
        var run = new GenerationRun { Status = begun.Status, WriterModel = begun.WriterModel, Steps = [.. begun.Steps.Select(Copy)] };
        var inFlight = new Dictionary<int, Task<string>>();
        try
        {
            await RunReadyStepsAsync(claim, begun, run, inFlight, cancellationToken);
        }
        finally
        {
            // On any way out (lease lost, cancel, a database failure) stop the other steps and wait for them: nothing is left running.
            if (inFlight.Count > 0)
            {
                await runCts.CancelAsync();
                await Task.WhenAll(inFlight.Values).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task RunReadyStepsAsync(RunLeases.Claim claim, GenerationRun begun, GenerationRun run, Dictionary<int, Task<string>> inFlight, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var step in run.Steps.Where(s => !inFlight.ContainsKey(s.Step) && RunTransitions.IsReady(run, s))
                         .OrderBy(s => StepCatalog.OrderOf(s.Step)).ToList())
            {
                if (inFlight.Count >= _options.MaxParallelSteps)
                {
                    break;
                }

                step.Status = StepStatus.InProgress;
                inFlight[step.Step] = WriteStepAsync(claim, begun.IntakeId, step.Step, cancellationToken);
            }

            if (inFlight.Count == 0)
            {
                return;
            }

            var done = await Task.WhenAny(inFlight.Values);
            var number = inFlight.Single(kv => kv.Value == done).Key;
            inFlight.Remove(number);
            var finished = run.Steps.Single(s => s.Step == number);
            finished.Status = await done; // throws when the lease is lost or the run cancelled
            if (finished.Status == StepStatus.Failed)
            {
                RunTransitions.FailStep(run, finished, string.Empty, time.GetUtcNow());
            }
        }
    }

    /// <summary>Writes one step with retries; returns the step's final status (completed or failed).</summary>
    /// <remarks>
    /// Only the writer's own failures count against the step. A database failure while recording the step
    /// propagates: this node stops the run, its lease lapses, and the run is resumed (the step starts again).
    /// </remarks>
    private async Task<string> WriteStepAsync(RunLeases.Claim claim, Guid? intakeId, int stepNumber, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var definition = StepCatalog.Get(stepNumber);
        while (true)
        {
            var started = await ChangeRunAsync(claim, (run, now) =>
            {
                var step = run.Steps.Single(s => s.Step == stepNumber);
                if (step.Status != StepStatus.Pending)
                {
                    return false;
                }

                RunTransitions.StartStep(step, now);
                return true;
            }, cancellationToken);
            var attempt = started?.Steps.Single(s => s.Step == stepNumber).Attempt ?? throw new LeaseLostException();
            var startedAt = time.GetTimestamp();
            using var activity = GenerationTelemetry.ActivitySource.StartActivity("generation.step");
            activity?.SetTag("funnelcraft.run.id", claim.RunId).SetTag("funnelcraft.step", definition.Key).SetTag("funnelcraft.step.attempt", attempt);
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["Step"] = definition.Key, ["Attempt"] = attempt });
            var inputs = await inputsLoader.LoadAsync(claim.ProjectId, intakeId, definition, cancellationToken);
            WrittenContent written;
            try
            {
                written = await writer.WriteAsync(definition, inputs, (detail, percent) => ReportAsync(claim, stepNumber, attempt, detail, percent, cancellationToken), cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not LeaseLostException and not StoreFailedException)
            {
                var fault = WriterFaults.Describe(e, definition.Name);
                var retry = fault.Transient && attempt < _options.MaxAttempts;
                telemetry.StepFinished(definition.Key, writerInfo.Provider, retry ? "retried" : StepStatus.Failed, time.GetElapsedTime(startedAt), 0, 0);
                activity?.SetStatus(ActivityStatusCode.Error, fault.Message);
                if (retry)
                {
                    await WaitToRetryAsync(claim, definition, attempt, fault, cancellationToken);
                    continue;
                }

                await FailAsync(claim, definition, attempt, fault.Transient ? $"{fault.Message} (gave up after {attempt} attempts)" : fault.Message, e, cancellationToken);
                return StepStatus.Failed;
            }

            var elapsed = time.GetElapsedTime(startedAt);
            await CompleteAsync(claim, stepNumber, attempt, written, elapsed, cancellationToken);
            telemetry.StepFinished(definition.Key, writerInfo.Provider, StepStatus.Completed, elapsed, written.InputTokens, written.OutputTokens);
            activity?.SetTag("funnelcraft.step.outcome", StepStatus.Completed);
            Log.StepCompleted(logger, definition.Key, attempt, (long)elapsed.TotalMilliseconds);
            return StepStatus.Completed;
        }
    }

    /// <summary>Stores the content as a new version and completes the step, in one change; the lease and attempt must still be ours.</summary>
    private async Task CompleteAsync(RunLeases.Claim claim, int stepNumber, int attempt, WrittenContent written, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var committed = await store.ChangeAsync(claim.ProjectId, async change =>
        {
            if (!Owns(change, claim, stepNumber, attempt, out var run, out var step))
            {
                return Outcome.Abandon<GenerationRun?>(null);
            }

            var version = await ContentStore.AddVersionAsync(change.Db, claim.ProjectId, stepNumber, run.Id, written, null, change.Now, cancellationToken);
            RunTransitions.CompleteStep(step, change.Now, written.InputTokens, written.OutputTokens, version.Version);
            change.Project.LastGeneratedAt = change.Now;
            change.Db.StepDurations.Add(new StepDuration { Step = stepNumber, WriterModel = run.WriterModel, DurationMs = (long)elapsed.TotalMilliseconds, RecordedAt = change.Now });
            return Outcome.Save<GenerationRun?>(run);
        }, cancellationToken);
        var run = committed.Value ?? throw new LeaseLostException();
        estimates.Record(stepNumber, run.WriterModel, elapsed);
    }

    private async Task WaitToRetryAsync(RunLeases.Claim claim, StepDefinition definition, int attempt, WriterFaults.Fault fault, CancellationToken cancellationToken)
    {
        var delay = Backoff(attempt, fault.RetryAfter);
        Log.StepRetrying(logger, definition.Key, attempt, fault.Message, (long)delay.TotalMilliseconds);
        await ReportAsync(claim, definition.Number, attempt, $"Retrying in {Math.Ceiling(delay.TotalSeconds):0}s: {fault.Message}", 0, cancellationToken);
        await Task.Delay(delay, time, cancellationToken);
        await ChangeRunAsync(claim, (run, _) => Requeue(run.Steps.Single(s => s.Step == definition.Number), attempt), cancellationToken);
    }

    private async Task FailAsync(RunLeases.Claim claim, StepDefinition definition, int attempt, string message, Exception e, CancellationToken cancellationToken)
    {
        Log.StepFailed(logger, e, definition.Key, attempt, message);
        _ = await ChangeRunAsync(claim, (run, now) =>
        {
            var step = run.Steps.Single(s => s.Step == definition.Number);
            if (step.Status != StepStatus.InProgress || step.Attempt != attempt)
            {
                return false;
            }

            RunTransitions.FailStep(run, step, message, now);
            return true;
        }, cancellationToken) ?? throw new LeaseLostException();
    }

    private static bool Requeue(RunStep step, int attempt)
    {
        if (step.Status != StepStatus.InProgress || step.Attempt != attempt)
        {
            return false;
        }

        step.Status = StepStatus.Pending;
        return true;
    }

    private async Task ReportAsync(RunLeases.Claim claim, int stepNumber, int attempt, string detail, int percent, CancellationToken cancellationToken)
    {
        GenerationRun? changed;
        try
        {
            changed = await ChangeRunAsync(claim, (run, _) =>
            {
                var step = run.Steps.Single(s => s.Step == stepNumber);
                if (step.Status != StepStatus.InProgress || step.Attempt != attempt)
                {
                    return false;
                }

                step.Detail = detail;
                step.Percent = Math.Clamp(percent, 0, 99);
                return true;
            }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Reported from inside the writer call: mark it so it is not taken for the writer's own failure.
            throw new StoreFailedException(e);
        }

        if (changed is null)
        {
            throw new LeaseLostException();
        }
    }

    /// <summary>Applies a change to the run when this worker still holds it; null when it does not (or the change declined).</summary>
    private async Task<GenerationRun?> ChangeRunAsync(RunLeases.Claim claim, Func<GenerationRun, DateTimeOffset, bool> apply, CancellationToken cancellationToken)
    {
        var result = await store.ChangeAsync(claim.ProjectId, change =>
        {
            if (change.Run is not { } run || run.Id != claim.RunId || run.LeaseOwner != identity.Name || !RunStatus.IsActive(run.Status)
                || !apply(run, change.Now))
            {
                return Task.FromResult(Outcome.Abandon<GenerationRun?>(null));
            }

            return Task.FromResult(Outcome.Save<GenerationRun?>(run));
        }, cancellationToken);
        return result.Value;
    }

    private bool Owns(GenerationStore.Change change, RunLeases.Claim claim, int stepNumber, int attempt, out GenerationRun run, out RunStep step)
    {
        run = change.Run!;
        step = null!;
        if (change.Run is not { } r || r.Id != claim.RunId || r.LeaseOwner != identity.Name || !RunStatus.IsActive(r.Status))
        {
            return false;
        }

        step = r.Steps.Single(s => s.Step == stepNumber);
        return step.Status == StepStatus.InProgress && step.Attempt == attempt;
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, attempt - 1);
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
        var delay = retryAfter is { } r && r > jittered ? r : jittered;
        return delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
    }

    private async Task HeartbeatAsync(RunLeases.Claim claim, CancellationTokenSource runCts)
    {
        var interval = _options.LeaseDuration / 3;
        try
        {
            while (!runCts.IsCancellationRequested)
            {
                await Task.Delay(interval, time, runCts.Token);
                if (!await leases.RenewAsync(claim, runCts.Token))
                {
                    Log.LeaseLost(logger, claim.RunId);
                    await runCts.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
#pragma warning disable CA1031 // a heartbeat that cannot reach the database lets the lease lapse; the run is resumed elsewhere
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.HeartbeatFailed(logger, e, claim.RunId);
            await runCts.CancelAsync();
        }
    }

    private static async Task WatchForCancelAsync(RunLeases.Claim claim, StatusHub.Subscription subscription, CancellationTokenSource runCts)
    {
        try
        {
            await foreach (var status in subscription.Reader.ReadAllAsync(runCts.Token))
            {
                if (status.RunId != claim.RunId || !RunStatus.IsActive(status.RunStatus ?? RunStatus.Queued))
                {
                    await runCts.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    private static RunStep Copy(RunStep s) => new() { RunId = s.RunId, Step = s.Step, Status = s.Status, Attempt = s.Attempt };

    private sealed class LeaseLostException : Exception;

    private sealed class StoreFailedException(Exception inner) : Exception("Recording progress failed.", inner);

    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Information, "Run {RunId} started on {Worker}")]
        public static partial void RunStarted(ILogger logger, Guid runId, string worker);

        [LoggerMessage(101, LogLevel.Information, "Run {RunId} finished: {Status}")]
        public static partial void RunFinished(ILogger logger, Guid runId, string status);

        [LoggerMessage(102, LogLevel.Information, "Run {RunId} stopped on this node: {Reason}")]
        public static partial void RunStopped(ILogger logger, Guid runId, string reason);

        [LoggerMessage(103, LogLevel.Information, "Step {Step} completed on attempt {Attempt} in {ElapsedMs} ms")]
        public static partial void StepCompleted(ILogger logger, string step, int attempt, long elapsedMs);

        [LoggerMessage(104, LogLevel.Warning, "Step {Step} attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
        public static partial void StepRetrying(ILogger logger, string step, int attempt, string reason, long delayMs);

        [LoggerMessage(105, LogLevel.Warning, "Step {Step} failed on attempt {Attempt}: {Reason}")]
        public static partial void StepFailed(ILogger logger, Exception exception, string step, int attempt, string reason);

        [LoggerMessage(106, LogLevel.Warning, "Run {RunId}: lease lost, stopping here")]
        public static partial void LeaseLost(ILogger logger, Guid runId);

        [LoggerMessage(107, LogLevel.Warning, "Run {RunId}: heartbeat failed, letting the lease lapse")]
        public static partial void HeartbeatFailed(ILogger logger, Exception exception, Guid runId);
    }
}
