using Funnelcraft.Steps.Deck;
using Microsoft.Extensions.AI;

namespace Funnelcraft.Writers;

/// <summary>
/// What one writer call is asked to write, as data. The step writer renders it into the call's prompt for a model,
/// and also hands it to the <see cref="IChatClient"/> in <see cref="ChatOptions.AdditionalProperties"/> (under
/// <see cref="OptionsKey"/>), so a writer that works from data — the offline writer — writes from the very inputs
/// the prompt was rendered from, without reading the prompt back. Provider clients drop it before a request leaves
/// the app.
/// </summary>
/// <param name="Key">The step's key ("offer", "deck-structure" for a part of the deck…), or "deck-outline" for the deck's outline.</param>
/// <param name="Inputs">The step's inputs, with the user's instruction.</param>
public sealed record WriterRequest(string Key, StepInputs Inputs)
{
    public const string OptionsKey = "funnelcraft.writer_request";

    /// <summary>The deck outline's call: the deck's length and its parts.</summary>
    public DeckPlan? DeckPlan { get; init; }

    /// <summary>A deck part's call: the outline every part is written from.</summary>
    public DeckOutline? DeckOutline { get; init; }

    /// <summary>A deck part's call: which part to write.</summary>
    public DeckPartRequest? DeckPart { get; init; }

    /// <summary>The request handed along with <paramref name="options"/>, if any.</summary>
    public static WriterRequest? From(ChatOptions? options) =>
        options?.AdditionalProperties is { } properties && properties.TryGetValue(OptionsKey, out var value) ? value as WriterRequest : null;

    /// <summary>Options for this call: <paramref name="options"/> with this request attached.</summary>
    public ChatOptions AttachTo(ChatOptions options)
    {
        var attached = options.Clone();
        attached.AdditionalProperties = new AdditionalPropertiesDictionary(options.AdditionalProperties ?? []) { [OptionsKey] = this };
        return attached;
    }

    /// <summary><paramref name="options"/> without a request: what a provider may send on.</summary>
    public static ChatOptions? Detach(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.ContainsKey(OptionsKey))
        {
            return options;
        }

        var detached = options.Clone();
        var rest = new AdditionalPropertiesDictionary(properties);
        rest.Remove(OptionsKey);
        detached.AdditionalProperties = rest.Count == 0 ? null : rest;
        return detached;
    }
}
