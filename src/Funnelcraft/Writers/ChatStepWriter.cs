using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

/// <summary>
/// Writes a step through an <see cref="IChatClient"/>: renders the step's prompt, asks for JSON matching the
/// content record's schema, parses and validates it, gives invalid output one repair attempt, and reports
/// progress (the deck is written in chunks of ten slides that continue each other).
/// </summary>
public sealed class ChatStepWriter(IChatClient chat, PromptLibrary prompts, WriterGate gate, SecretRedactor redactor, IOptions<WriterOptions> options)
    : IStepWriter
{
    /// <summary>
    /// Options for building the JSON schemas: the content's, with the resolver set and frozen up front. Building a
    /// schema from options that are not yet read-only sets their resolver, which fails when another step's
    /// parallel call has just frozen the same options — so schemas use their own options, each built once.
    /// </summary>
    private static readonly JsonSerializerOptions SchemaJson = Frozen(new JsonSerializerOptions(ContentJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });

    private static readonly ConcurrentDictionary<(Type Type, string Key), ChatResponseFormat> Formats = new();

    /// <summary>Data blocks in prompts: the content's camelCase JSON with text left readable (see <see cref="Json{T}"/>).</summary>
    private static readonly JsonSerializerOptions PromptJson = new(ContentJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<WrittenContent> WriteAsync(StepDefinition definition, StepInputs inputs, Func<string, int, Task> reportProgress, CancellationToken cancellationToken)
    {
        if (definition.Number == StepCatalog.Deck)
        {
            return await WriteDeckAsync(definition, inputs, reportProgress, cancellationToken);
        }

        var prompt = prompts.Render(definition.Key, Blocks(inputs));
        var (content, usage) = await CallAsync(definition, definition.ContentType, prompt, c => c, cancellationToken);
        return new WrittenContent(JsonSerializer.Serialize(content, definition.ContentType, ContentJson.Options), usage.InputTokens, usage.OutputTokens);
    }

    private async Task<WrittenContent> WriteDeckAsync(StepDefinition step, StepInputs inputs, Func<string, int, Task> reportProgress, CancellationToken cancellationToken)
    {
        var slides = new List<Slide>();
        string? title = null;
        var usage = TokenUsage.None;
        await reportProgress($"slides 0/{StepCatalog.DeckSlides}", 0);
        while (slides.Count < StepCatalog.DeckSlides)
        {
            var request = new DeckChunkRequest(slides.Count + 1, StepCatalog.DeckChunk, StepCatalog.DeckSlides, [.. slides.Select(s => s.Title)], title);
            var values = new Dictionary<string, string>(Blocks(inputs))
            {
                ["deck_chunk"] = Json(request),
                ["total_slides"] = StepCatalog.DeckSlides.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["first_slide"] = request.FirstSlide.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["last_slide"] = (request.FirstSlide + request.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["section_plan"] = DeckArc.Plan(StepCatalog.DeckSlides),
                ["this_part"] = DeckArc.Part(request.FirstSlide, request.FirstSlide + request.Count - 1, StepCatalog.DeckSlides),
                ["title_instruction"] = title is null
                    ? "This is the first part: also give the whole deck a `title` (the webinar's name: its promise to this audience, at most 12 words)."
                    : $"The deck is titled \"{title}\"; leave `title` out or repeat it.",
            };
            var (content, callUsage) = await CallAsync(step, typeof(DeckChunkContent), prompts.Render(step.Key, values),
                c => ((DeckChunkContent)c) with { ExpectedFirstSlide = request.FirstSlide }, cancellationToken);
            var chunk = (DeckChunkContent)content;
            title ??= chunk.Title;
            slides.AddRange(chunk.Slides.Take(StepCatalog.DeckSlides - slides.Count));
            usage = new TokenUsage(usage.InputTokens + callUsage.InputTokens, usage.OutputTokens + callUsage.OutputTokens);
            await reportProgress($"slides {slides.Count}/{StepCatalog.DeckSlides}", slides.Count * 100 / StepCatalog.DeckSlides);
        }

        var deck = new DeckContent { Title = title ?? "Webinar", Slides = slides };
        Validate(step, deck);
        return new WrittenContent(JsonSerializer.Serialize(deck, ContentJson.Options), usage.InputTokens, usage.OutputTokens);
    }

    /// <summary>One writer call with its JSON schema, parse and validation, and one repair attempt.</summary>
    private async Task<(IStepContent Content, TokenUsage Usage)> CallAsync(
        StepDefinition step, Type contentType, string prompt, Func<IStepContent, IStepContent> prepare, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.System, prompts.System), new(ChatRole.User, prompt)];
        var chatOptions = new ChatOptions
        {
            ResponseFormat = Formats.GetOrAdd((contentType, step.Key), key =>
                ChatResponseFormat.ForJsonSchema(key.Type, SchemaJson, key.Key.Replace('-', '_'), $"{step.Name} content")),
            Temperature = options.Value.Temperature,
        };
        var usage = TokenUsage.None;
        for (var repair = 0; ; repair++)
        {
            var response = await gate.CallAsync(ct => chat.GetResponseAsync(messages, chatOptions, ct), cancellationToken);
            usage = new TokenUsage(usage.InputTokens + (response.Usage?.InputTokenCount ?? 0), usage.OutputTokens + (response.Usage?.OutputTokenCount ?? 0));
            var text = StripFences(response.Text);
            string problem;
            try
            {
                var content = prepare((IStepContent?)JsonSerializer.Deserialize(text, contentType, ContentJson.Options)
                    ?? throw new JsonException("The answer was empty."));
                var errors = content.Validate().ToList();
                if (errors.Count == 0)
                {
                    return (content, usage);
                }

                problem = string.Join("; ", errors);
            }
            catch (JsonException e)
            {
                problem = string.IsNullOrWhiteSpace(text) ? "the answer was empty"
                    : response.FinishReason == ChatFinishReason.Length ? "the answer was cut off at the output token limit"
                    : response.FinishReason == ChatFinishReason.ContentFilter ? "the AI declined to write it"
                    : $"it was not valid JSON for the schema ({e.Message})";
            }

            if (repair >= 1)
            {
                throw new WriterException(redactor.Redact($"The AI wrote {step.Name} content that did not pass checks: {Shorten(problem)}."), transient: true);
            }

            messages.Add(new ChatMessage(ChatRole.Assistant, text));
            messages.Add(new ChatMessage(ChatRole.User, $"That answer has problems: {problem}. Reply with the corrected JSON object only."));
        }
    }

    private void Validate(StepDefinition step, DeckContent content)
    {
        var errors = content.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new WriterException(redactor.Redact($"The AI wrote {step.Name} content that did not pass checks: {Shorten(string.Join("; ", errors))}."), transient: true);
        }
    }

    private static Dictionary<string, string> Blocks(StepInputs inputs) => new()
    {
        ["intake"] = Json(inputs.Intake),
        ["offer"] = inputs.Offer is null ? "(no offer yet)" : Json(inputs.Offer),
        ["deck"] = inputs.Deck is null ? "(no deck yet)" : Json(inputs.Deck),
    };

    /// <summary>
    /// JSON for a prompt's data block: quotes, apostrophes and non-ASCII text stay as written (readable, fewer tokens),
    /// while &lt; and &gt; are escaped (they occur only inside strings), so no intake text can close a data tag and
    /// pose as instructions.
    /// </summary>
    private static string Json<T>(T value) =>
        JsonSerializer.Serialize(value, PromptJson).Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal);

    private static JsonSerializerOptions Frozen(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }

    private static string StripFences(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
            var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLine > 0 && end > firstLine)
            {
                return trimmed[(firstLine + 1)..end].Trim();
            }
        }

        return trimmed;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
