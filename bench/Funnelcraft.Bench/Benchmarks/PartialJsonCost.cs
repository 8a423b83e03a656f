using System.Diagnostics;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Writers;
using Funnelcraft.Writers.Offline;
using Funnelcraft.Writers.Streaming;
using Microsoft.Extensions.AI;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// What reading a streamed answer costs per token: the incremental reader (<see cref="PartialJson"/>: each piece read
/// once into the tree) against re-parsing the whole text so far on every piece (a fresh reader over the buffer), side by
/// side in the same process, rounds alternating, over real answers of the offline writer cut into pieces of about one
/// token (4 characters). Each way also writes the preview out: on every piece (what re-parsing gives a caller), and
/// at the rate previews are sent (one per ten pieces stands for 5 previews/s of a 50 tokens/s stream).
/// </summary>
public static class PartialJsonCost
{
    private const int PieceChars = 4;

    public static async Task<int> RunAsync(Options options)
    {
        var rounds = options.GetInt32("rounds", 15);
        var answers = await AnswersAsync();
        Console.WriteLine($"pieces of {PieceChars} characters (≈ 1 token); {rounds} rounds per way, alternating; median per piece");
        Console.WriteLine("| answer | characters | pieces | incremental: read | + preview each piece | + preview per 10 pieces | re-parse whole: each piece | re-parse ÷ incremental (each piece) | allocated per piece (incr. / re-parse) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, text) in answers)
        {
            var pieces = Enumerable.Range(0, (text.Length + PieceChars - 1) / PieceChars)
                .Select(i => text.Substring(i * PieceChars, Math.Min(PieceChars, text.Length - (i * PieceChars)))).ToArray();
            var read = new List<double>();
            var each = new List<double>();
            var tenth = new List<double>();
            var whole = new List<double>();
            long eachBytes = 0, wholeBytes = 0;
            for (var round = 0; round < rounds + 2; round++)
            {
                var (r, _) = Measure(() => Incremental(pieces, previewEvery: 0));
                var (e, eb) = Measure(() => Incremental(pieces, previewEvery: 1));
                var (t, _) = Measure(() => Incremental(pieces, previewEvery: 10));
                var (w, wb) = Measure(() => Reparse(pieces));
                if (round < 2)
                {
                    continue; // warm-up
                }

                read.Add(r / pieces.Length);
                each.Add(e / pieces.Length);
                tenth.Add(t / pieces.Length);
                whole.Add(w / pieces.Length);
                (eachBytes, wholeBytes) = (eb / pieces.Length, wb / pieces.Length);
            }

            var (readNs, eachNs, tenthNs, wholeNs) = (Stats.Median(read), Stats.Median(each), Stats.Median(tenth), Stats.Median(whole));
            Console.WriteLine($"| {name} | {text.Length:N0} | {pieces.Length:N0} | {Ns(readNs)} | {Ns(eachNs)} | {Ns(tenthNs)} | {Ns(wholeNs)} | {Stats.F(wholeNs / eachNs, "0")}× | {eachBytes:N0} B / {wholeBytes:N0} B |");
        }

        return 0;
    }

    /// <summary>One reader fed piece by piece; the preview written out every <paramref name="previewEvery"/> pieces (never with 0).</summary>
    private static int Incremental(string[] pieces, int previewEvery)
    {
        var reader = new PartialJson();
        var written = 0;
        for (var i = 0; i < pieces.Length; i++)
        {
            reader.Append(pieces[i]);
            if (previewEvery > 0 && i % previewEvery == 0)
            {
                written += reader.ToJson()?.Length ?? 0;
            }
        }

        return written + (reader.IsComplete ? 1 : 0);
    }

    /// <summary>On every piece, the whole text so far read again from the start, and the preview written out.</summary>
    private static int Reparse(string[] pieces)
    {
        var buffer = new System.Text.StringBuilder();
        var written = 0;
        foreach (var piece in pieces)
        {
            buffer.Append(piece);
            var reader = new PartialJson();
            foreach (var chunk in buffer.GetChunks())
            {
                reader.Append(chunk.Span);
            }

            written += reader.ToJson()?.Length ?? 0;
        }

        return written;
    }

    /// <summary>Nanoseconds and bytes allocated for one call of <paramref name="work"/>.</summary>
    private static (double Ns, long Bytes) Measure(Func<int> work)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var result = work();
        var elapsed = Stopwatch.GetElapsedTime(start);
        GC.KeepAlive(result);
        return (elapsed.TotalNanoseconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }

    private static string Ns(double ns) => ns >= 10_000 ? $"{Stats.F(ns / 1000, "0")} µs" : ns >= 1000 ? $"{Stats.F(ns / 1000, "0.0")} µs" : $"{Stats.F(ns, "0")} ns";

    /// <summary>Real answers: what the offline writer streams for an offer, a deck part, the follow-up e-mails and the brand voice, and a whole deck's worth of slides.</summary>
    private static async Task<IReadOnlyList<(string Name, string Text)>> AnswersAsync()
    {
        using var writer = new OfflineChatClient(new OfflineWriterOptions { StepDelay = TimeSpan.Zero }, TimeProvider.System);
        var inputs = new StepInputs(new IntakeBrief([new IntakeFacts(
            "form", "Kickoff", "Bright Path Bookkeeping", "Bookkeeping", "owners of small service businesses with 2–20 employees",
            "They spend their evenings sorting receipts and still don't know if they're profitable", "Spreadsheets and a shoebox of receipts",
            "Clean monthly books and a clear profit number every month", "$997", "90 days", null)]), null, null);

        async Task<string> WriteAsync(WriterRequest request) =>
            (await writer.GetResponseAsync([new ChatMessage(ChatRole.User, request.Key)], request.AttachTo(new ChatOptions()))).Text;

        var outline = System.Text.Json.JsonSerializer.Deserialize<DeckOutline>(await WriteAsync(new WriterRequest("deck-outline", inputs)), ContentJson.Options)!;
        var parts = new List<string>();
        foreach (var (brief, i) in outline.Parts.Select((p, i) => (p, i)))
        {
            parts.Add(await WriteAsync(new WriterRequest("deck-structure", inputs)
            {
                DeckOutline = outline,
                DeckPart = new DeckPartRequest(i + 1, outline.Parts.Count, brief.FirstSlide, brief.LastSlide, StepCatalog.DeckSlides, "", brief.Brief),
            }));
        }

        var slides = string.Join(",", parts.Select(p => p[(p.IndexOf('[', StringComparison.Ordinal) + 1)..p.LastIndexOf(']')]));
        return
        [
            ("offer", await WriteAsync(new WriterRequest("offer", inputs))),
            ("deck part (10 slides)", parts[0]),
            ("follow-up e-mails", await WriteAsync(new WriterRequest("followup", inputs))),
            ("marketing profile", await WriteAsync(new WriterRequest("marketing-profile", inputs))),
            ("whole deck (60 slides)", $$"""{"title": {{System.Text.Json.JsonSerializer.Serialize(outline.Title)}}, "slides": [{{slides}}]}"""),
        ];
    }
}
