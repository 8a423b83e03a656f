using System.Diagnostics;
using System.Threading.Channels;
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

    /// <summary>Executes a claimed run; <paramref name="handedOver"/> is the run as its start on this node committed it (null: read it).</summary>
    public async Task ExecuteAsync(RunLeases.Claim claim, RunState? handedOver, CancellationToken stoppingToken)
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
            var begun = await BeginAsync(claim, handedOver, runCts.Token);
            if (begun is null)
            {
                return;
            }

            Log.RunStarted(logger, claim.RunId, claim.Owner);
            await estimates.WarmAsync(begun.Run.WriterModel, runCts.Token);
            var finished = await ScheduleAsync(claim, begun, runCts);
            Log.RunFinished(logger, claim.RunId, finished.Run.Status);
            telemetry.RunFinished(finished.Run.Status);
            activity?.SetTag("funnelcraft.run.outcome", finished.Run.Status);
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

    /// <summary>
    /// Reads the claimed run (unless its start handed it over), marks it running (a step left in progress by a crashed
    /// worker starts again) and starts its ready steps, in one change. Null when the run is no longer this claim's to run.
    /// </summary>
    private async Task<RunState?> BeginAsync(RunLeases.Claim claim, RunState? handedOver, CancellationToken cancellationToken)
    {
        var read = handedOver ?? await store.ReadRunAsync(claim.ProjectId, claim.RunId, cancellationToken);
        if (read is null || read.Run.LeaseOwner != claim.Owner || !RunStatus.IsActive(read.Run.Status))
        {
            return null;
        }

        return await store.RecordAsync(read, claim.Owner, edit =>
        {
            RunTransitions.Begin(edit.Run, edit.Now);
            Apply(edit, [], []);
        }, cancellationToken);
    }

    /// <summary>
    /// The run's one writer of state. Step tasks only write content and report what happened; this loop folds every
    /// report that has arrived into one change (completions, failures, progress, retries), starts the steps that became
    /// ready in the same change, and finishes the run in it when nothing is left. Returns the finished state.
    /// </summary>
    private async Task<RunState> ScheduleAsync(RunLeases.Claim claim, RunState state, CancellationTokenSource runCts)
    {
        var cancellationToken = runCts.Token;
        var events = Channel.CreateUnbounded<StepEvent>(new UnboundedChannelOptions { SingleReader = true });
        var inFlight = new Dictionary<int, (int Attempt, Task Task)>();
        var firstAttempts = new Dictionary<int, int>(); // each step's first attempt here: a retried or resumed step gets every try afresh
        var inputs = new RunInputs(inputsLoader, claim.ProjectId, state.Run.IntakeId,
            state.Run.Steps.Where(s => s.Instruction is not null).ToDictionary(s => s.Step, s => s.Instruction!));
        try
        {
            while (true)
            {
                foreach (var step in state.Run.Steps.Where(s => s.Status == StepStatus.InProgress && !inFlight.ContainsKey(s.Step)))
                {
                    var tries = step.Attempt - (firstAttempts.TryAdd(step.Step, step.Attempt) ? step.Attempt : firstAttempts[step.Step]) + 1;
                    inFlight[step.Step] = (step.Attempt, WriteStepAsync(claim, inputs, step.Step, step.Attempt, tries, events.Writer, cancellationToken));
                }

                if (!RunStatus.IsActive(state.Run.Status))
                {
                    return state;
                }

                if (inFlight.Count == 0)
                {
                    // Nothing in flight: a change that starts what is ready, or ends the run when nothing can start.
                    state = await store.RecordAsync(state, claim.Owner, edit => Apply(edit, [], []), cancellationToken)
                        ?? throw new LeaseLostException();
                    continue;
                }

                var batch = new List<StepEvent> { await events.Reader.ReadAsync(cancellationToken) };
                while (events.Reader.TryRead(out var e))
                {
                    batch.Add(e);
                }

                if (batch.OfType<StepEvent.Broken>().FirstOrDefault() is { } broken)
                {
                    // Not the writer's fault (the database, reading the step's inputs): stop here; the lease lapses and the run is resumed.
                    throw new InvalidOperationException($"Step {broken.Step} could not be prepared.", broken.Error);
                }

                var running = inFlight.Keys.ToList();
                state = await store.RecordAsync(state, claim.Owner, edit => Apply(edit, batch, running), cancellationToken)
                    ?? throw new LeaseLostException();
                foreach (var e in batch)
                {
                    Observe(e, state, inputs);
                    if ((e is StepEvent.Completed or StepEvent.Failed or StepEvent.Requeued) && inFlight.TryGetValue(e.Step, out var task) && task.Attempt == e.Attempt)
                    {
                        inFlight.Remove(e.Step);
                    }
                }
            }
        }
        finally
        {
            // On any way out (lease lost, cancel, a database failure) stop the steps and wait for them: nothing is left running.
            if (inFlight.Count > 0)
            {
                await runCts.CancelAsync();
                await Task.WhenAll(inFlight.Values.Select(v => v.Task)).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Applies reports to the run's copy, starts what is ready (bounded), skips what can never start, and finishes the run
    /// when nothing is left or nothing can start.
    /// </summary>
    private void Apply(RunEdit edit, IReadOnlyList<StepEvent> batch, IEnumerable<int> running)
    {
        var run = edit.Run;
        var busy = running.ToHashSet();
        foreach (var e in batch)
        {
            var step = edit.Step(e.Step);
            if (step.Status != StepStatus.InProgress || step.Attempt != e.Attempt)
            {
                continue; // a report of an attempt that is over
            }

            switch (e)
            {
                case StepEvent.Progress p:
                    step.Detail = p.Detail;
                    step.Percent = Math.Clamp(p.Percent, 0, 99);
                    break;
                case StepEvent.Completed c:
                    RunTransitions.CompleteStep(step, edit.Now, c.Written.InputTokens, c.Written.OutputTokens, 0);
                    edit.Completions.Add(new RunEdit.Completion(c.Step, c.Written, c.Elapsed));
                    busy.Remove(c.Step);
                    break;
                case StepEvent.Failed f:
                    RunTransitions.FailStep(run, step, f.Message, edit.Now);
                    busy.Remove(f.Step);
                    break;
                case StepEvent.Requeued:
                    step.Status = StepStatus.Pending;
                    busy.Remove(e.Step);
                    break;
            }
        }

        // A step whose earlier attempt is still winding down (after the run was read back from the rows) waits for it.
        foreach (var step in run.Steps.Where(s => !busy.Contains(s.Step) && RunTransitions.IsReady(run, s)).OrderBy(s => StepCatalog.OrderOf(s.Step)).ToList())
        {
            if (busy.Count >= _options.MaxParallelSteps)
            {
                break;
            }

            RunTransitions.StartStep(step, edit.Now);
            edit.Started.Add((step.Step, step.Attempt));
            busy.Add(step.Step);
        }

        RunTransitions.Settle(run, edit.Now, busy);
    }

    /// <summary>What follows a committed report: estimates, telemetry, logs, and content the next steps are written from.</summary>
    private void Observe(StepEvent e, RunState committed, RunInputs inputs)
    {
        var step = committed.Run.Steps.Single(s => s.Step == e.Step);
        var definition = StepCatalog.Get(e.Step);
        switch (e)
        {
            case StepEvent.Completed c when step.Status == StepStatus.Completed && step.Attempt == e.Attempt:
                estimates.Record(e.Step, committed.Run.WriterModel, c.Elapsed);
                inputs.Written(e.Step, c.Written.Json);
                telemetry.StepFinished(definition.Key, writerInfo.Provider, StepStatus.Completed, c.Elapsed, c.Written.InputTokens, c.Written.OutputTokens);
                Log.StepCompleted(logger, definition.Key, e.Attempt, (long)c.Elapsed.TotalMilliseconds);
                break;
            case StepEvent.Failed f:
                telemetry.StepFinished(definition.Key, writerInfo.Provider, StepStatus.Failed, f.Elapsed, 0, 0);
                break;
        }
    }

    /// <summary>
    /// Writes one attempt of a step and reports how it went; a transient fault with tries left (<paramref name="tries"/> is
    /// this attempt's number since the step was started here) waits, then asks to be started again.
    /// </summary>
    private async Task WriteStepAsync(RunLeases.Claim claim, RunInputs inputs, int stepNumber, int attempt, int tries, ChannelWriter<StepEvent> events, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var definition = StepCatalog.Get(stepNumber);
        var startedAt = time.GetTimestamp();
        using var activity = GenerationTelemetry.ActivitySource.StartActivity("generation.step");
        activity?.SetTag("funnelcraft.run.id", claim.RunId).SetTag("funnelcraft.step", definition.Key).SetTag("funnelcraft.step.attempt", attempt);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Step"] = definition.Key, ["Attempt"] = attempt });
        StepInputs stepInputs;
        try
        {
            stepInputs = await inputs.ForAsync(definition, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            events.TryWrite(new StepEvent.Broken(stepNumber, attempt, e));
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        WrittenContent written;
        try
        {
            // Previews are not delivered yet: the writer makes them, and the run drops them.
            written = await writer.WriteAsync(definition, stepInputs, new StepReports((detail, percent) =>
            {
                events.TryWrite(new StepEvent.Progress(stepNumber, attempt, detail, percent));
                return Task.CompletedTask;
            }, static _ => Task.CompletedTask), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var fault = WriterFaults.Describe(e, definition.Name);
            var elapsed = time.GetElapsedTime(startedAt);
            activity?.SetStatus(ActivityStatusCode.Error, fault.Message);
            if (fault.Transient && tries < _options.MaxAttempts)
            {
                telemetry.StepFinished(definition.Key, writerInfo.Provider, "retried", elapsed, 0, 0);
                var delay = Backoff(tries, fault.RetryAfter);
                Log.StepRetrying(logger, definition.Key, attempt, fault.Message, (long)delay.TotalMilliseconds);
                events.TryWrite(new StepEvent.Progress(stepNumber, attempt, $"Retrying in {Math.Ceiling(delay.TotalSeconds):0}s: {fault.Message}", 0));
                try
                {
                    await Task.Delay(delay, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                events.TryWrite(new StepEvent.Requeued(stepNumber, attempt));
                return;
            }

            var message = fault.Transient ? $"{fault.Message} (gave up after {tries} attempts)" : fault.Message;
            Log.StepFailed(logger, e, definition.Key, attempt, message);
            events.TryWrite(new StepEvent.Failed(stepNumber, attempt, message, elapsed));
            return;
        }

        activity?.SetTag("funnelcraft.step.outcome", StepStatus.Completed);
        events.TryWrite(new StepEvent.Completed(stepNumber, attempt, written, time.GetElapsedTime(startedAt)));
    }

    private TimeSpan Backoff(int tries, TimeSpan? retryAfter)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, tries - 1);
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

    private sealed class LeaseLostException : Exception;

    /// <summary>What a step task reports to the run's loop; <see cref="Attempt"/> ties it to the attempt it belongs to.</summary>
    private abstract record StepEvent(int Step, int Attempt)
    {
        public sealed record Progress(int Step, int Attempt, string Detail, int Percent) : StepEvent(Step, Attempt);

        public sealed record Completed(int Step, int Attempt, WrittenContent Written, TimeSpan Elapsed) : StepEvent(Step, Attempt);

        public sealed record Failed(int Step, int Attempt, string Message, TimeSpan Elapsed) : StepEvent(Step, Attempt);

        public sealed record Requeued(int Step, int Attempt) : StepEvent(Step, Attempt);

        public sealed record Broken(int Step, int Attempt, Exception Error) : StepEvent(Step, Attempt);
    }

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
