using System.Text.Json;
using System.Text.RegularExpressions;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Writers.Offline;

/// <summary>
/// The default writer: an <see cref="IChatClient"/> that needs no network and no key. It reads the same
/// prompt a real model gets (the schema name and the tagged data blocks), writes believable content from
/// the intake with templates after <see cref="OfflineWriterOptions.StepDelay"/>, and answers JSON, so the
/// whole path (prompt → JSON → validation → storage → progress) runs as it does with a real provider.
/// </summary>
public sealed partial class OfflineChatClient(IOptions<WriterOptions> writerOptions, TimeProvider time) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var schema = (options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName
            ?? throw new InvalidOperationException("The offline writer answers structured requests only.");
        var stepKey = schema.Replace('_', '-');
        var offline = writerOptions.Value.Offline;
        if (offline.StepDelay > TimeSpan.Zero)
        {
            await Task.Delay(offline.StepDelay, time, cancellationToken);
        }

        if (offline.FailSteps.Contains(stepKey, StringComparer.OrdinalIgnoreCase))
        {
            throw new WriterException($"The offline writer is set to fail {stepKey} (Writer:Offline:FailSteps).", transient: false);
        }

        var prompt = list.First(m => m.Role == ChatRole.User && m.Text.Contains("<intake>", StringComparison.Ordinal)).Text;
        var intake = Block<IntakeBrief>(prompt, "intake") ?? new IntakeBrief([]);
        var content = OfflineContent.Write(
            stepKey,
            intake,
            Block<OfferContent>(prompt, "offer"),
            Block<DeckContent>(prompt, "deck"),
            new DeckBlocks(Block<DeckPlan>(prompt, "deck_plan"), Block<DeckOutline>(prompt, "deck_outline"), Block<DeckPartRequest>(prompt, "deck_part")));
        var json = JsonSerializer.Serialize(content, content.GetType(), ContentJson.Options);
        var inputChars = list.Sum(m => m.Text.Length);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, json))
        {
            ModelId = offline.Model,
            Usage = new UsageDetails { InputTokenCount = inputChars / 4, OutputTokenCount = json.Length / 4, TotalTokenCount = (inputChars + json.Length) / 4 },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static T? Block<T>(string prompt, string tag)
        where T : class
    {
        // A data block opens on a line of its own; the instructions may name its tag in running text.
        var match = Regex.Match(prompt, $"^<{tag}>\\s*(.*?)\\s*</{tag}>", RegexOptions.Singleline | RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!match.Success || !match.Groups[1].Value.StartsWith('{'))
        {
            return null;
        }

        return JsonSerializer.Deserialize<T>(match.Groups[1].Value, ContentJson.Options);
    }
}
