using Funnelcraft.Steps;
using Funnelcraft.Writers;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>
/// A writer that writes nothing until cancelled (<c>Bench:Writer=waiting</c>): its steps stay being written, with no
/// preview of their own, so a benchmark can publish the previews it measures into them.
/// </summary>
public sealed class WaitingWriter : IStepWriter
{
    public const string Mode = "waiting";

    public async Task<WrittenContent> WriteAsync(StepDefinition definition, StepInputs inputs, StepReports reports, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }
}
