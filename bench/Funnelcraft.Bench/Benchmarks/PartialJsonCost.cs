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
/// token (4 characters), timed as the thread's CPU time (so other processes on a busy machine do not count). What the
/// step writer does is read every piece and write a preview out only when one is sent (one per ten pieces stands
/// for 5 previews/s of a 50 tokens/s stream); re-parsing gives a caller its preview on every piece.
/// </summary>
public static class PartialJsonCost
{
    private const int PieceChars = 4;

    public static async Task<int> RunAsync(Options options)
    {
        var rounds = options.GetInt32("rounds", 15);
        var answers = await AnswersAsync();
        Console.WriteLine($"pieces of {PieceChars} characters (≈ 1 token); {rounds} rounds, the ways alternating within each; medians");
        Console.WriteLine("| answer | characters | pieces | read per piece: incremental | re-parse whole | ratio | one preview written out | as used: read + a preview per 10 pieces | re-parse + preview each piece | ratio | CPU per answer: as used / re-parse |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, text) in answers)
        {
            var pieces = Enumerable.Range(0, (text.Length + PieceChars - 1) / PieceChars)
                .Select(i => text.Substring(i * PieceChars, Math.Min(PieceChars, text.Length - (i * PieceChars)))).ToArray();
            var (read, reparseRead, render, used, reparse) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var round = 0; round < rounds + 2; round++)
            {
                var measured = (
                    Read: Measure(() => Incremental(pieces, previewEvery: 0)),
                    ReparseRead: Measure(() => Reparse(pieces, preview: false)),
                    Render: Measure(() => Render(text, times: 50)),
                    Used: Measure(() => Incremental(pieces, previewEvery: 10)),
                    Reparse: Measure(() => Reparse(pieces, preview: true)));
                if (round < 2)
                {
                    continue; // warm-up
                }

                read.Add(measured.Read / pieces.Length);
                reparseRead.Add(measured.ReparseRead / pieces.Length);
                render.Add(measured.Render / 50);
                used.Add(measured.Used / pieces.Length);
                reparse.Add(measured.Reparse / pieces.Length);
            }

            var m = (Read: Stats.Median(read), ReparseRead: Stats.Median(reparseRead), Render: Stats.Median(render), Used: Stats.Median(used), Reparse: Stats.Median(reparse));
            Console.WriteLine($"| {name} | {text.Length:N0} | {pieces.Length:N0} | {Ns(m.Read)} | {Ns(m.ReparseRead)} | {Stats.F(m.ReparseRead / m.Read, "0")}× | {Ns(m.Render)} "
                + $"| {Ns(m.Used)} | {Ns(m.Reparse)} | {Stats.F(m.Reparse / m.Used, "0")}× | {Ns(m.Used * pieces.Length)} / {Ns(m.Reparse * pieces.Length)} |");
        }

        return 0;
    }

    /// <summary>The whole answer's preview written out <paramref name="times"/> times.</summary>
    private static int Render(string text, int times)
    {
        var reader = new PartialJson();
        reader.Append(text);
        var written = 0;
        for (var i = 0; i < times; i++)
        {
            written += reader.ToJson()!.Length;
        }

        return written;
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

    /// <summary>On every piece, the whole text so far read again from the start (and the preview written out).</summary>
    private static int Reparse(string[] pieces, bool preview)
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

            written += preview ? reader.ToJson()?.Length ?? 0 : (int)reader.Version;
        }

        return written;
    }

    /// <summary>Nanoseconds of thread CPU time for one call of <paramref name="work"/> (time slices other processes take are not counted).</summary>
    private static double Measure(Func<int> work)
    {
        var cpu = ThreadCpu.Now();
        var result = work();
        var ns = ThreadCpu.Now() - cpu;
        GC.KeepAlive(result);
        return ns;
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
