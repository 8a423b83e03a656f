using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Funnelcraft.Steps;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers;

/// <summary>
/// One writer call through the <see cref="WriterGate"/>: the system prompt and a rendered prompt, a JSON schema for
/// the content record, parse and validation, and one repair attempt for invalid output. Safe to use from several
/// calls at once (the deck's parts).
/// </summary>
internal sealed class WriterCalls(IChatClient chat, PromptLibrary prompts, WriterGate gate, SecretRedactor redactor, IOptions<WriterOptions> options)
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

    /// <param name="schemaName">The JSON schema's name (the step key with '_' for '-', or the deck's "deck_outline").</param>
    /// <param name="stepName">The step's name, for messages a person reads.</param>
    /// <param name="contentType">The record the answer must parse into.</param>
    /// <param name="prompt">The rendered user prompt.</param>
    /// <param name="prepare">Sets what validation needs to know about this call (e.g. the deck part's slide range).</param>
    /// <param name="cancellationToken">Cancels the call, including the HTTP request in flight.</param>
    public async Task<(IStepContent Content, CallUsage Usage)> CallAsync(
        string schemaName, string stepName, Type contentType, string prompt, Func<IStepContent, IStepContent> prepare, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.System, prompts.System), new(ChatRole.User, prompt)];
        var chatOptions = new ChatOptions
        {
            ResponseFormat = Formats.GetOrAdd((contentType, schemaName), key =>
                ChatResponseFormat.ForJsonSchema(key.Type, SchemaJson, key.Name, $"{stepName} content")),
            Temperature = options.Value.Temperature,
        };
        var usage = CallUsage.None;
        for (var repair = 0; ; repair++)
        {
            var response = await gate.CallAsync(ct => chat.GetResponseAsync(messages, chatOptions, ct), cancellationToken);
            usage += new CallUsage(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
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
                throw Invalid(stepName, problem);
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

    /// <summary>The data blocks every step prompt may use.</summary>
    public static Dictionary<string, string> Blocks(StepInputs inputs) => new()
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

/// <summary>Tokens a writer call (or several) used, as the provider reported them.</summary>
internal readonly record struct CallUsage(long InputTokens, long OutputTokens)
{
    public static CallUsage None => default;

    public static CallUsage operator +(CallUsage a, CallUsage b) => new(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens);
}
