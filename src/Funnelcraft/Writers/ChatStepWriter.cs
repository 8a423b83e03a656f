using System.Text.Json;
using Funnelcraft.Steps;
using Funnelcraft.Writers.Streaming;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

/// <summary>
/// Writes a step through an <see cref="IChatClient"/>: renders the step's prompt (with the user's request, if any),
/// streams an answer in JSON matching the content record's schema, sends previews of it as it grows
/// (<see cref="PreviewFeed"/>), then parses and validates it, giving invalid output one repair attempt
/// (<see cref="WriterCalls"/>). The deck is written as an outline, then its parts at once (<see cref="ChatDeckWriter"/>).
/// A cancelled write throws <see cref="WriterCancelledException"/> with the tokens its calls used up to the cancel.
/// </summary>
public sealed class ChatStepWriter(
    IChatClient chat, PromptLibrary prompts, WriterGate gate, SecretRedactor redactor, IOptions<WriterOptions> options, TimeProvider time)
    : IStepWriter
{
    private readonly WriterCalls _calls = new(chat, prompts, gate, redactor, options, time);

    public async Task<WrittenContent> WriteAsync(StepDefinition definition, StepInputs inputs, StepReports reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(reports);
        if (inputs.Instruction is { Length: > StepInputs.MaxInstructionLength })
        {
            throw new ArgumentException($"An instruction may be at most {StepInputs.MaxInstructionLength} characters.", nameof(inputs));
        }

        var spent = new TokenMeter();
        try
        {
            return definition.Number == StepCatalog.Deck
                ? await new ChatDeckWriter(_calls, time).WriteAsync(definition, inputs, reports, spent, cancellationToken)
                : await WriteStepAsync(definition, inputs, reports, spent, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new WriterCancelledException(spent.Total, cancellationToken);
        }
    }

    private async Task<WrittenContent> WriteStepAsync(StepDefinition definition, StepInputs inputs, StepReports reports, TokenMeter spent, CancellationToken cancellationToken)
    {
        var answer = new PartialJson();
        using var feed = new PreviewFeed(reports.Preview, answer.ToJson, time);
        var call = new WriterCall(definition.Key.Replace('-', '_'), definition.Name, definition.ContentType,
            prompts.Render(definition.Key, _calls.Blocks(inputs)), new WriterRequest(definition.Key, inputs), c => c);
        (IStepContent Content, TokenUsage Usage) written = default;
        await TaskGroup.RunAsync(
        [
            feed.RunAsync,
            async ct =>
            {
                try
                {
                    written = await _calls.CallAsync(call, answer, feed.Changed, spent, ct);
                }
                finally
                {
                    feed.Complete();
                }
            },
        ], cancellationToken);
        return new WrittenContent(JsonSerializer.Serialize(written.Content, definition.ContentType, ContentJson.Options), written.Usage.InputTokens, written.Usage.OutputTokens);
    }
}
