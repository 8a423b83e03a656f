using System.Collections.Concurrent;
using Funnelcraft.Steps;
using Funnelcraft.Writers;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>
/// A zero-delay writer for measuring orchestration alone: each step's first call goes to the app's own writer (the
/// offline writer, real content); later calls answer at once with that content. Progress is reported as the real
/// writer reports it on its first call; previews are not replayed.
/// </summary>
public sealed class CannedWriter(IStepWriter inner) : IStepWriter
{
    public const string Setting = "Bench:Writer";

    private readonly ConcurrentDictionary<int, Task<(WrittenContent Content, IReadOnlyList<(string Detail, int Percent)> Progress)>> _canned = new();

    public async Task<WrittenContent> WriteAsync(StepDefinition definition, StepInputs inputs, StepReports reports, CancellationToken cancellationToken)
    {
        var (content, progress) = await _canned.GetOrAdd(definition.Number, _ => FirstAsync(definition, inputs));
        foreach (var (detail, percent) in progress)
        {
            await reports.Progress(detail, percent);
        }

        return content;
    }

    private async Task<(WrittenContent, IReadOnlyList<(string, int)>)> FirstAsync(StepDefinition definition, StepInputs inputs)
    {
        var progress = new List<(string, int)>();
        var content = await inner.WriteAsync(definition, inputs, StepReports.None with
        {
            Progress = (detail, percent) =>
            {
                lock (progress)
                {
                    progress.Add((detail, percent));
                }

                return Task.CompletedTask;
            },
        }, CancellationToken.None);
        return (content, progress);
    }
}
