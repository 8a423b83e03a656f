using System.Globalization;
using System.Text.Json;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;

namespace Funnelcraft.Writers;

/// <summary>
/// Writes the deck in two rounds: one call writes the outline (title, the method taught, a brief per part), then
/// every part of <see cref="StepCatalog.DeckPartSlides"/> slides is written at the same time from the intake and
/// the outline. Each part is one call with its own repair attempt; if one part fails, the others are cancelled and
/// the deck call fails (the step's retry writes it again; see <see cref="TaskGroup"/>). The slides are joined in slide
/// order, whatever order the parts finished in. Parts take their <see cref="WriterGate"/> slots one call at a time,
/// like any other call (nothing here holds a slot while waiting for another), so a full gate only queues them.
/// </summary>
internal sealed class ChatDeckWriter(WriterCalls calls)
{
    private const string OutlineSchema = "deck_outline";

    public async Task<WrittenContent> WriteAsync(StepDefinition step, StepInputs inputs, Func<string, int, Task> reportProgress, CancellationToken cancellationToken)
    {
        var parts = SlideRange.Parts(StepCatalog.DeckSlides, StepCatalog.DeckPartSlides);
        using var progress = new DeckProgress(reportProgress, StepCatalog.DeckSlides, parts.Count);

        // Progress reports are database writes: each runs alongside the writer calls rather than holding them up.
        DeckOutline? outline = null;
        var usage = CallUsage.None;
        await TaskGroup.RunAsync(
        [
            progress.OutlineAsync,
            async ct => (outline, usage) = await WriteOutlineAsync(step, inputs, parts, ct),
        ], cancellationToken);

        var written = new IReadOnlyList<Slide>[parts.Count];
        var usages = new CallUsage[parts.Count];
        await TaskGroup.RunAsync(
        [
            progress.OutlineDoneAsync,
            .. parts.Select<SlideRange, Func<CancellationToken, Task>>((_, i) => async ct =>
            {
                (written[i], usages[i]) = await WritePartAsync(step, inputs, outline!, i, parts, ct);
                await progress.PartDoneAsync(written[i].Count, ct);
            }),
        ], cancellationToken);

        var deck = new DeckContent { Title = outline!.Title, Slides = [.. written.SelectMany(s => s)] };
        calls.EnsureValid(step.Name, deck);
        usage = usages.Aggregate(usage, (a, b) => a + b);
        return new WrittenContent(JsonSerializer.Serialize(deck, ContentJson.Options), usage.InputTokens, usage.OutputTokens);
    }

    private async Task<(DeckOutline Outline, CallUsage Usage)> WriteOutlineAsync(
        StepDefinition step, StepInputs inputs, IReadOnlyList<SlideRange> parts, CancellationToken cancellationToken)
    {
        var plan = new DeckPlan(StepCatalog.DeckSlides, [.. parts.Select((p, i) =>
            new DeckPlanPart(i + 1, p.First, p.Last, DeckArc.Part(p.First, p.Last, StepCatalog.DeckSlides)))]);
        var values = Values(inputs);
        values["deck_plan"] = WriterCalls.Json(plan);
        values["part_count"] = Number(parts.Count);
        values["part_slides"] = Number(StepCatalog.DeckPartSlides);
        var (content, usage) = await calls.CallAsync(OutlineSchema, step.Name, typeof(DeckOutline), calls.Prompts.Render("deck-outline", values),
            c => ((DeckOutline)c) with { ExpectedParts = parts }, cancellationToken);
        return ((DeckOutline)content, usage);
    }

    private async Task<(IReadOnlyList<Slide> Slides, CallUsage Usage)> WritePartAsync(
        StepDefinition step, StepInputs inputs, DeckOutline outline, int index, IReadOnlyList<SlideRange> parts, CancellationToken cancellationToken)
    {
        var range = parts[index];
        var sections = DeckArc.Part(range.First, range.Last, StepCatalog.DeckSlides);
        var brief = index < outline.Parts.Count ? outline.Parts[index].Brief : "";
        var values = Values(inputs);
        values["first_slide"] = Number(range.First);
        values["last_slide"] = Number(range.Last);
        values["this_part"] = sections;
        values["deck_outline"] = WriterCalls.Json(outline);
        values["deck_part"] = WriterCalls.Json(new DeckPartRequest(index + 1, parts.Count, range.First, range.Last, StepCatalog.DeckSlides, sections, brief));
        var (content, usage) = await calls.CallAsync(step.Key.Replace('-', '_'), step.Name, typeof(DeckPartContent), calls.Prompts.Render(step.Key, values),
            c => ((DeckPartContent)c) with { Expected = range }, cancellationToken);
        return (((DeckPartContent)content).InRange(), usage);
    }

    private Dictionary<string, string> Values(StepInputs inputs) => new(WriterCalls.Blocks(inputs))
    {
        ["total_slides"] = Number(StepCatalog.DeckSlides),
        ["deck_arc"] = calls.Prompts.Render("deck-arc", new Dictionary<string, string> { ["section_plan"] = DeckArc.Plan(StepCatalog.DeckSlides) }),
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
