using System.Diagnostics;
using System.Threading.Channels;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Operations;
using Funnelcraft.Steps;
using Funnelcraft.Writers;

namespace Funnelcraft.Generation.Worker;

/// <summary>
/// The I/O of a step: one attempt calls the writer, shares its previews while it writes (<see cref="PreviewBoard"/>: gone
/// once the attempt ends, however it ends) and reports what happened (<see cref="StepReport"/>); a retry's delay is
/// waited out and reported. What a report means for the run is decided in its change, not here.
/// </summary>
public sealed class StepAttempts(IStepWriter writer, PreviewBoard previews, TimeProvider time, ILogger<StepAttempts> logger)
{
    /// <summary>
    /// Writes attempt <paramref name="attempt"/> of a step (its <paramref name="tries"/>th since this run's executor started
    /// it) and reports progress and how it ended; a cancelled attempt reports nothing.
    /// </summary>
    public async Task WriteAsync(RunClaim claim, RunInputs inputs, int stepNumber, int attempt, int tries, ChannelWriter<StepReport> reports, CancellationToken cancellationToken)
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
            reports.TryWrite(new StepReport.Broken(stepNumber, attempt, e));
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            WrittenContent written;
            try
            {
                written = await writer.WriteAsync(definition, stepInputs, new StepReports(
                    (detail, percent) =>
                    {
                        reports.TryWrite(new StepReport.Progress(stepNumber, attempt, detail, percent));
                        return Task.CompletedTask;
                    },
                    preview => previews.PublishAsync(claim.ProjectId, new LivePreview(claim.RunId, stepNumber, attempt, preview.Seq, preview.Json), cancellationToken)),
                    cancellationToken);
            }
            finally
            {
                // Before the report: the preview is gone by the time the status shows the attempt's end.
                await previews.EndAsync(claim.ProjectId, stepNumber, claim.RunId, attempt);
            }

            activity?.SetTag("funnelcraft.step.outcome", StepStatus.Completed);
            reports.TryWrite(new StepReport.Written(stepNumber, attempt, written, time.GetElapsedTime(startedAt)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the run stopped
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var fault = WriterFaults.Describe(e, definition.Name);
            activity?.SetStatus(ActivityStatusCode.Error, fault.Message);
            reports.TryWrite(new StepReport.Faulted(stepNumber, attempt, tries, fault, time.GetElapsedTime(startedAt), Random.Shared.NextDouble(), e));
        }
    }

    /// <summary>Waits out a retry's delay, then reports that the step's next attempt is due.</summary>
    public async Task RetryAfterAsync(int stepNumber, int attempt, TimeSpan delay, ChannelWriter<StepReport> reports, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            reports.TryWrite(new StepReport.RetryDue(stepNumber, attempt));
        }
        catch (OperationCanceledException)
        {
            // the run stopped
        }
    }
}
