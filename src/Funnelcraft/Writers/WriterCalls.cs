using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Funnelcraft.Steps;
using Funnelcraft.Writers.Streaming;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

/// <summary>What one writer call asks for.</summary>
/// <param name="SchemaName">The JSON schema's name (the step key with '_' for '-', or the deck's "deck_outline").</param>
/// <param name="StepName">The step's name, for messages a person reads.</param>
/// <param name="ContentType">The record the answer must parse into.</param>
/// <param name="Prompt">The rendered user prompt.</param>
/// <param name="Request">The same call as data, for writers that write from data (the offline writer).</param>
/// <param name="Prepare">Sets what validation needs to know about this call (e.g. the deck part's slide range).</param>
internal sealed record WriterCall(
    string SchemaName, string StepName, Type ContentType, string Prompt, WriterRequest Request, Func<IStepContent, IStepContent> Prepare);

/// <summary>
/// One writer call through the <see cref="WriterGate"/>: the system prompt and a rendered prompt, a JSON schema for
/// the content record, the answer streamed into a <see cref="PartialJson"/> (for previews), then parse and
/// validation, and one repair attempt for invalid output. Safe to use from several calls at once (the deck's parts).
/// </summary>
internal sealed class WriterCalls(IChatClient chat, PromptLibrary prompts, WriterGate gate, SecretRedactor redactor, IOptions<WriterOptions> options, TimeProvider time)
{
    /// <summary>
    /// Options for building the JSON schemas: the content's, with the resolver set and frozen up front. Building a
    /// schema from options that are not yet read-only sets their resolver, which fails when another step's
    /// parallel call has just frozen the same options — so schemas use their own options, each built once.
    /// </summary>
    private static readonly JsonSerializerOptions SchemaJson = Frozen(new JsonSerializerOptions(ContentJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });

    private static readonly ConcurrentDictionary<(Type Type, string Name), ChatResponseFormat> Formats = new();

    /// <summary>Data blocks in prompts: the content's camelCase JSON with text left readable (see <see cref="Json{T}"/>).</summary>
    private static readonly JsonSerializerOptions PromptJson = new(ContentJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public PromptLibrary Prompts => prompts;

    /// <param name="call">What to write.</param>
    /// <param name="answer">Where the answer's text goes as it streams in (reset for a repair's answer).</param>
    /// <param name="changed">Told after each piece of text.</param>
    /// <param name="spent">Counts the tokens of every call made, however it ends.</param>
    /// <param name="cancellationToken">Cancels the call, including the HTTP request in flight.</param>
    public async Task<(IStepContent Content, TokenUsage Usage)> CallAsync(
        WriterCall call, PartialJson answer, Action changed, TokenMeter spent, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.System, prompts.System), new(ChatRole.User, call.Prompt)];
        var chatOptions = call.Request.AttachTo(new ChatOptions
        {
            ResponseFormat = Formats.GetOrAdd((call.ContentType, call.SchemaName), key =>
                ChatResponseFormat.ForJsonSchema(key.Type, SchemaJson, key.Name, $"{call.StepName} content")),
            Temperature = options.Value.Temperature,
        });
        var usage = TokenUsage.None;
        for (var repair = 0; ; repair++)
        {
            if (repair > 0)
            {
                answer.Reset(); // the repaired answer replaces the first one in the preview
                changed();
            }

            var response = await gate.CallAsync(
                ct => AnswerStream.ReadAsync(chat, messages, chatOptions, options.Value.StallTimeout, time, answer, changed, spent, ct), cancellationToken);
            usage += response.Usage;
            var text = StripFences(response.Text);
            string problem;
            try
            {
                var content = call.Prepare((IStepContent?)JsonSerializer.Deserialize(text, call.ContentType, ContentJson.Options)
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
                throw Invalid(call.StepName, problem);
            }

            messages.Add(new ChatMessage(ChatRole.Assistant, text));
            messages.Add(new ChatMessage(ChatRole.User, $"That answer has problems: {problem}. Reply with the corrected JSON object only."));
        }
    }

    /// <summary>Throws the transient fault for content that did not pass its checks, when it did not.</summary>
    public void EnsureValid(string stepName, IStepContent content)
    {
        var errors = content.Validate().ToList();
        if (errors.Count > 0)
        {
            throw Invalid(stepName, string.Join("; ", errors));
        }
    }

    /// <summary>The data blocks every step prompt may use, and the user's request for this version (empty without one).</summary>
    public Dictionary<string, string> Blocks(StepInputs inputs) => new()
    {
        ["intake"] = Json(inputs.Intake),
        ["offer"] = inputs.Offer is null ? "(no offer yet)" : Json(inputs.Offer),
        ["deck"] = inputs.Deck is null ? "(no deck yet)" : Json(inputs.Deck),
        ["user_request"] = inputs.UserRequest is { } request
            ? prompts.Render("user-request", new Dictionary<string, string> { ["instruction"] = Json(request) })
            : "",
    };

    /// <summary>
    /// JSON for a prompt's data block: quotes, apostrophes and non-ASCII text stay as written (readable, fewer tokens),
    /// while &lt; and &gt; are escaped (they occur only inside strings), so no intake text can close a data tag and
    /// pose as instructions.
    /// </summary>
    public static string Json<T>(T value) =>
        JsonSerializer.Serialize(value, PromptJson).Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal);

    private WriterException Invalid(string stepName, string problem) =>
        new(redactor.Redact($"The AI wrote {stepName} content that did not pass checks: {Shorten(problem)}."), transient: true);

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
