using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;

namespace Funnelcraft.Writers;

/// <summary>
/// Writes the deck in two rounds: one call writes the outline (title, the method taught, a brief per part), then
/// every part of <see cref="StepCatalog.DeckPartSlides"/> slides is written at the same time from the intake and
/// the outline. Each part is one call with its own repair attempt; if one part fails, the others are cancelled and
/// the deck call fails (the step's retry writes it again). The slides are joined in slide order, whatever order the
/// parts finished in. Parts take their <see cref="WriterGate"/> slots one call at a time, like any other call, so a
/// full gate only queues them.
/// </summary>
internal sealed class ChatDeckWriter(WriterCalls calls)
{
    private const string OutlineSchema = "deck_outline";

    public async Task<WrittenContent> WriteAsync(StepDefinition step, StepInputs inputs, Func<string, int, Task> reportProgress, CancellationToken cancellationToken)
    {
        var parts = SlideRange.Parts(StepCatalog.DeckSlides, StepCatalog.DeckPartSlides);
        using var progress = new DeckProgress(reportProgress, StepCatalog.DeckSlides, parts.Count);
        await progress.OutlineAsync(cancellationToken);
        var (outline, usage) = await WriteOutlineAsync(step, inputs, parts, cancellationToken);
        await progress.OutlineDoneAsync(cancellationToken);
        var (slides, partsUsage) = await WritePartsAsync(step, inputs, outline, parts, progress, cancellationToken);
        usage += partsUsage;

        var deck = new DeckContent { Title = outline.Title, Slides = slides };
        calls.EnsureValid(step.Name, deck);
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

    private async Task<(IReadOnlyList<Slide> Slides, CallUsage Usage)> WritePartsAsync(
        StepDefinition step, StepInputs inputs, DeckOutline outline, IReadOnlyList<SlideRange> parts, DeckProgress progress, CancellationToken cancellationToken)
    {
        var written = new IReadOnlyList<Slide>[parts.Count];
        var usages = new CallUsage[parts.Count];
        ExceptionDispatchInfo? failure = null;
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task PartAsync(int index)
        {
            try
            {
                var (slides, usage) = await WritePartAsync(step, inputs, outline, index, parts, siblings.Token);
                (written[index], usages[index]) = (slides, usage);
                await progress.PartDoneAsync(slides.Count, siblings.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !siblings.IsCancellationRequested)
            {
                // The first part to fail is the deck's failure; the others are cancelled and end as cancelled.
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                await siblings.CancelAsync();
                throw;
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, parts.Count).Select(PartAsync));
        }
        catch when (Volatile.Read(ref failure) is not null)
        {
            failure!.Throw();
        }

        return ([.. written.SelectMany(s => s)], usages.Aggregate(CallUsage.None, (a, b) => a + b));
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
