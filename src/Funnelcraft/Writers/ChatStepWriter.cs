using System.Text.Json;
using Funnelcraft.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

/// <summary>
/// Writes a step through an <see cref="IChatClient"/>: renders the step's prompt, asks for JSON matching the
/// content record's schema, parses and validates it, and gives invalid output one repair attempt
/// (<see cref="WriterCalls"/>). The deck is written as an outline, then its parts at once (<see cref="ChatDeckWriter"/>).
/// </summary>
public sealed class ChatStepWriter(IChatClient chat, PromptLibrary prompts, WriterGate gate, SecretRedactor redactor, IOptions<WriterOptions> options)
    : IStepWriter
{
    private readonly WriterCalls _calls = new(chat, prompts, gate, redactor, options);

    public async Task<WrittenContent> WriteAsync(StepDefinition definition, StepInputs inputs, Func<string, int, Task> reportProgress, CancellationToken cancellationToken)
    {
        if (definition.Number == StepCatalog.Deck)
        {
            return await new ChatDeckWriter(_calls).WriteAsync(definition, inputs, reportProgress, cancellationToken);
        }

        var prompt = prompts.Render(definition.Key, WriterCalls.Blocks(inputs));
        var (content, usage) = await _calls.CallAsync(definition.Key.Replace('-', '_'), definition.Name, definition.ContentType, prompt, c => c, cancellationToken);
        return new WrittenContent(JsonSerializer.Serialize(content, definition.ContentType, ContentJson.Options), usage.InputTokens, usage.OutputTokens);
    }
}
