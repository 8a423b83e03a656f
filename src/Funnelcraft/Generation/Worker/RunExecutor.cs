using System.Threading.Channels;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Generation.Estimates;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Operations;
using Funnelcraft.Steps;
using Funnelcraft.Writers;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation.Worker;

/// <summary>
/// Executes one claimed run, doing only I/O: it starts an attempt of each step its changes start
/// (<see cref="StepAttempts"/>), folds the reports that have arrived into one change (<see cref="RecordReports"/>, which
/// decides what they mean), waits out the retry delays those changes decide, and renews the lease.
/// It stops the one way a run stops (<see cref="RunStop"/>); every attempt in flight is then cancelled and awaited.
/// </summary>
public sealed partial class RunExecutor(
    RunChanges changes,
    RunLeases leases,
    StepAttempts attempts,
    StepInputsLoader inputsLoader,
    StepEstimates estimates,
    StatusFeed feed,
    GenerationTelemetry telemetry,
    IWriterInfo writerInfo,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    ILogger<RunExecutor> logger)
{
    private readonly GenerationOptions _options = options.Value;

    public async Task ExecuteAsync(ClaimedRun claimed, CancellationToken stoppingToken)
    {
        var claim = claimed.Claim;
        var stop = RunStop.For(claim, feed, leases, _options.LeaseDuration, time, logger, stoppingToken);
        using var activity = GenerationTelemetry.ActivitySource.StartActivity("generation.run");
        activity?.SetTag("funnelcraft.run.id", claim.RunId).SetTag("funnelcraft.project.id", claim.ProjectId).SetTag("funnelcraft.worker", claim.Owner);
        telemetry.ActiveRunsChanged(1);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = claim.RunId, ["ProjectId"] = claim.ProjectId });
        try
        {
            Log.RunStarted(logger, claim.RunId, claim.Owner);
            await estimates.WarmAsync(claimed.Run.WriterModel, stop.Token);
            if (await RunStepsAsync(claimed, stop) is { } finished)
            {
                Log.RunFinished(logger, claim.RunId, finished.Status);
                telemetry.RunFinished(finished.Status);
                activity?.SetTag("funnelcraft.run.outcome", finished.Status);
            }
            else
            {
                Log.RunStopped(logger, claim.RunId, "cancelled or lease lost");
            }
        }
        catch (OperationCanceledException) when (stop.Stopped)
        {
            Log.RunStopped(logger, claim.RunId, stoppingToken.IsCancellationRequested ? "node stopping" : "cancelled or lease lost");
        }
        finally
        {
            await stop.DisposeAsync();
            telemetry.ActiveRunsChanged(-1);
            if (stoppingToken.IsCancellationRequested && _options.ReleaseLeaseOnShutdown)
            {
                await leases.HandBackAsync(claim);
            }
        }
    }

    /// <summary>The run's loop: the one writer of its state on this node. Returns the finished run, or null when the claim lost it.</summary>
    private async Task<GenerationRun?> RunStepsAsync(ClaimedRun claimed, RunStop stop)
    {
        var (claim, run) = claimed;
        var cancellationToken = stop.Token;
        var reports = Channel.CreateUnbounded<StepReport>(new UnboundedChannelOptions { SingleReader = true });
        var inFlight = new Dictionary<int, (int Attempt, Task Task)>(); // an attempt being written, or its retry delay
        var firstAttempts = new Dictionary<int, int>(); // each step's first attempt here: a retried or resumed step gets every try afresh
        var inputs = new RunInputs(inputsLoader, claim.ProjectId, run.IntakeId,
            run.Steps.Where(s => s.Instruction is not null).ToDictionary(s => s.Step, s => s.Instruction!));
        try
        {
            while (true)
            {
                foreach (var step in run.Steps.Where(s => s.Status == StepStatus.InProgress && !inFlight.ContainsKey(s.Step)))
                {
                    var tries = step.Attempt - (firstAttempts.TryAdd(step.Step, step.Attempt) ? step.Attempt : firstAttempts[step.Step]) + 1;
                    inFlight[step.Step] = (step.Attempt, attempts.WriteAsync(claim, inputs, step.Step, step.Attempt, tries, reports.Writer, cancellationToken));
                }

                if (!RunStatus.IsActive(run.Status))
                {
                    return run;
                }

                if (inFlight.Count == 0)
                {
                    // RunTransitions.Advance ends a run with nothing in flight; should that ever fail, stop here: the lease
                    // lapses and the claim of the run ends it.
                    throw new System.Diagnostics.UnreachableException($"Run {claim.RunId} is active with nothing in flight.");
                }

                var batch = new List<StepReport> { await reports.Reader.ReadAsync(cancellationToken) };
                while (reports.Reader.TryRead(out var more))
                {
                    batch.Add(more);
                }

                if (batch.OfType<StepReport.Broken>().FirstOrDefault() is { } broken)
                {
                    // Not the writer's fault (the database, reading the step's inputs): stop here; the lease lapses and the run is resumed.
                    throw new InvalidOperationException($"Step {broken.Step} could not be prepared.", broken.Error);
                }

                var change = new RecordReports(claim, batch, inFlight.Keys.ToHashSet(), _options);
                if ((await changes.MakeAsync(claim.ProjectId, change, cancellationToken)).Value is not { } recorded)
                {
                    return null;
                }

                run = recorded.Run;
                foreach (var outcome in recorded.Outcomes)
                {
                    Follow(outcome, run, inputs, inFlight, reports.Writer, cancellationToken);
                }
            }
        }
        finally
        {
            // On any way out (lease lost, cancel, a database failure) stop the attempts and wait for them: nothing is left running.
            if (inFlight.Count > 0)
            {
                await stop.Stop();
                await Task.WhenAll(inFlight.Values.Select(v => v.Task)).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>What follows a saved report: the attempt's end, a retry's delay, estimates, telemetry, logs, and content later steps are written from.</summary>
    private void Follow(
        RecordReports.Outcome outcome, GenerationRun run, RunInputs inputs, Dictionary<int, (int Attempt, Task Task)> inFlight,
        ChannelWriter<StepReport> reports, CancellationToken cancellationToken)
    {
        var report = outcome.Report;
        var key = StepCatalog.Get(report.Step).Key;
        switch (report)
        {
            case StepReport.Written w when outcome.Taken:
                estimates.Record(w.Step, run.WriterModel, w.Elapsed);
                inputs.Written(w.Step, w.Content.Json);
                telemetry.StepFinished(key, writerInfo.Provider, StepStatus.Completed, w.Elapsed, w.Content.InputTokens, w.Content.OutputTokens);
                Log.StepCompleted(logger, key, w.Attempt, (long)w.Elapsed.TotalMilliseconds);
                break;
            case StepReport.Faulted f when outcome.Failure is StepFailure.Retry retry:
                telemetry.StepFinished(key, writerInfo.Provider, "retried", f.Elapsed, 0, 0);
                Log.StepRetrying(logger, key, f.Attempt, f.Fault.Message, (long)retry.Delay.TotalMilliseconds);
                inFlight[f.Step] = (f.Attempt, attempts.RetryAfterAsync(f.Step, f.Attempt, retry.Delay, reports, cancellationToken));
                return;
            case StepReport.Faulted f when outcome.Failure is StepFailure.Fail fail:
                telemetry.StepFinished(key, writerInfo.Provider, StepStatus.Failed, f.Elapsed, 0, 0);
                Log.StepFailed(logger, f.Error, key, f.Attempt, fail.Message);
                break;
        }

        if (report is not StepReport.Progress && inFlight.TryGetValue(report.Step, out var current) && current.Attempt == report.Attempt)
        {
            inFlight.Remove(report.Step); // the attempt is over; a next attempt, if any, starts at the top of the loop
        }
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
    }
}
