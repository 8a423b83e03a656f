using System.Globalization;
using System.Text.Json;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Writers.Streaming;

namespace Funnelcraft.Writers;

/// <summary>
/// Writes the deck in two rounds: one call writes the outline (title, the method taught, a brief per part), then
/// every part of <see cref="StepCatalog.DeckPartSlides"/> slides is written at the same time from the intake and
/// the outline. Each part is one call with its own repair attempt; if one part fails, the others are cancelled and
/// the deck call fails (the step's retry writes it again; see <see cref="TaskGroup"/>). The slides are joined in slide
/// order, whatever order the parts finished in. Parts take their <see cref="WriterGate"/> slots one call at a time,
/// like any other call (nothing here holds a slot while waiting for another), so a full gate only queues them.
/// <para>
/// The deck has one preview: its title as the outline writes it, then the title with the slides of every part as they
/// stream in, in slide order (each part's slides up to its range), so the parts fill in at once.
/// </para>
/// </summary>
internal sealed class ChatDeckWriter(WriterCalls calls, TimeProvider time)
{
    private const string OutlineSchema = "deck_outline";
    private const string NoPreview = "{}";

    public async Task<WrittenContent> WriteAsync(StepDefinition step, StepInputs inputs, StepReports reports, TokenMeter spent, CancellationToken cancellationToken)
    {
        var parts = SlideRange.Parts(StepCatalog.DeckSlides, StepCatalog.DeckPartSlides);
        var answers = new DeckAnswers(parts);
        using var feed = new PreviewFeed(reports.Preview, answers.ToJson, time);
        WrittenContent? written = null;
        await TaskGroup.RunAsync(
        [
            feed.RunAsync,
            async ct =>
            {
                try
                {
                    written = await WriteDeckAsync(step, inputs, reports.Progress, parts, answers, feed.Changed, spent, ct);
                }
                finally
                {
                    feed.Complete();
                }
            },
        ], cancellationToken);
        return written!;
    }

    private async Task<WrittenContent> WriteDeckAsync(
        StepDefinition step, StepInputs inputs, Func<string, int, Task> reportProgress, IReadOnlyList<SlideRange> parts,
        DeckAnswers answers, Action changed, TokenMeter spent, CancellationToken cancellationToken)
    {
        using var progress = new DeckProgress(reportProgress, StepCatalog.DeckSlides, parts.Count);

        // Progress reports are database writes: each runs alongside the writer calls rather than holding them up.
        DeckOutline? outline = null;
        var usage = TokenUsage.None;
        await TaskGroup.RunAsync(
        [
            progress.OutlineAsync,
            async ct => (outline, usage) = await WriteOutlineAsync(step, inputs, parts, answers.Outline, changed, spent, ct),
        ], cancellationToken);
        answers.Title = outline!.Title;
        changed();

        var written = new IReadOnlyList<Slide>[parts.Count];
        var usages = new TokenUsage[parts.Count];
        await TaskGroup.RunAsync(
        [
            progress.OutlineDoneAsync,
            .. parts.Select<SlideRange, Func<CancellationToken, Task>>((_, i) => async ct =>
            {
                (written[i], usages[i]) = await WritePartAsync(step, inputs, outline, i, parts, answers.Parts[i], changed, spent, ct);
                await progress.PartDoneAsync(written[i].Count, ct);
            }),
        ], cancellationToken);

        var deck = new DeckContent { Title = outline.Title, Slides = [.. written.SelectMany(s => s)] };
        calls.EnsureValid(step.Name, deck);
        usage = usages.Aggregate(usage, (a, b) => a + b);
        return new WrittenContent(JsonSerializer.Serialize(deck, ContentJson.Options), usage.InputTokens, usage.OutputTokens);
    }

    private async Task<(DeckOutline Outline, TokenUsage Usage)> WriteOutlineAsync(
        StepDefinition step, StepInputs inputs, IReadOnlyList<SlideRange> parts, PartialJson answer, Action changed, TokenMeter spent, CancellationToken cancellationToken)
    {
        var plan = new DeckPlan(StepCatalog.DeckSlides, [.. parts.Select((p, i) =>
            new DeckPlanPart(i + 1, p.First, p.Last, DeckArc.Part(p.First, p.Last, StepCatalog.DeckSlides)))]);
        var values = Values(inputs);
        values["deck_plan"] = WriterCalls.Json(plan);
        values["part_count"] = Number(parts.Count);
        values["part_slides"] = Number(StepCatalog.DeckPartSlides);
        var call = new WriterCall(OutlineSchema, step.Name, typeof(DeckOutline), calls.Prompts.Render("deck-outline", values),
            new WriterRequest("deck-outline", inputs) { DeckPlan = plan }, c => ((DeckOutline)c) with { ExpectedParts = parts });
        var (content, usage) = await calls.CallAsync(call, answer, changed, spent, cancellationToken);
        return ((DeckOutline)content, usage);
    }

    private async Task<(IReadOnlyList<Slide> Slides, TokenUsage Usage)> WritePartAsync(
        StepDefinition step, StepInputs inputs, DeckOutline outline, int index, IReadOnlyList<SlideRange> parts,
        PartialJson answer, Action changed, TokenMeter spent, CancellationToken cancellationToken)
    {
        var range = parts[index];
        var sections = DeckArc.Part(range.First, range.Last, StepCatalog.DeckSlides);
        var brief = index < outline.Parts.Count ? outline.Parts[index].Brief : "";
        var part = new DeckPartRequest(index + 1, parts.Count, range.First, range.Last, StepCatalog.DeckSlides, sections, brief);
        var values = Values(inputs);
        values["first_slide"] = Number(range.First);
        values["last_slide"] = Number(range.Last);
        values["this_part"] = sections;
        values["deck_outline"] = WriterCalls.Json(outline);
        values["deck_part"] = WriterCalls.Json(part);
        var call = new WriterCall(step.Key.Replace('-', '_'), step.Name, typeof(DeckPartContent), calls.Prompts.Render(step.Key, values),
            new WriterRequest(step.Key, inputs) { DeckOutline = outline, DeckPart = part }, c => ((DeckPartContent)c) with { Expected = range });
        var (content, usage) = await calls.CallAsync(call, answer, changed, spent, cancellationToken);
        return (((DeckPartContent)content).InRange(), usage);
    }

    private Dictionary<string, string> Values(StepInputs inputs) => new(calls.Blocks(inputs))
    {
        ["total_slides"] = Number(StepCatalog.DeckSlides),
        ["deck_arc"] = calls.Prompts.Render("deck-arc", new Dictionary<string, string> { ["section_plan"] = DeckArc.Plan(StepCatalog.DeckSlides) }),
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The deck's answers as they stream: the outline's, then each part's; one preview of them all.</summary>
    private sealed class DeckAnswers(IReadOnlyList<SlideRange> parts)
    {
        private string? _title;

        public PartialJson Outline { get; } = new();

        public IReadOnlyList<PartialJson> Parts { get; } = [.. parts.Select(_ => new PartialJson())];

        /// <summary>The outline's title, once the outline is written: from then on the preview shows the slides.</summary>
        public string? Title
        {
            get => Volatile.Read(ref _title);
            set => Volatile.Write(ref _title, value);
        }

        public string? ToJson()
        {
            var title = Title;
            var json = PartialNode.Json(writer =>
            {
                writer.WriteStartObject();
                if (title is null)
                {
                    Outline.WriteProperty(writer, "title");
                }
                else
                {
                    writer.WriteString("title", title);
                    writer.WriteStartArray("slides");
                    for (var i = 0; i < Parts.Count; i++)
                    {
                        Parts[i].WriteItems(writer, "slides", parts[i].Count);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            });
            return json == NoPreview ? null : json;
        }
    }
}
