using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Funnelcraft.Steps;
using Funnelcraft.Writers;
using Funnelcraft.Writers.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>
/// The deck written through the app's writer and a real provider client (OpenAI protocol) against the fake provider
/// over loopback HTTP, without an app around it: the outline first, then the six parts in flight at once, joined in
/// slide order whatever order they finish in, all from the outline's method; a failing part fails the call and
/// cancels the others; progress reports are made one at a time and only rise; parts share the call gate.
/// </summary>
public sealed class DeckPartsTests(DeckPartsTests.ServerFixture fixture) : IClassFixture<DeckPartsTests.ServerFixture>
{
    /// <summary>Long enough for a loaded machine; only reached when the behaviour is wrong.</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private static readonly StepDefinition Deck = StepCatalog.Get(StepCatalog.Deck);
    private static readonly JsonSerializerOptions PromptJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private FakeProviderServer Server => fixture.Server;

    [Fact]
    public async Task The_six_parts_are_in_flight_at_once_and_join_in_slide_order_when_they_finish_last_first()
    {
        var tag = Tag("Six Lanes Swim School");
        var progress = new ProgressLog();
        var allSix = Barrier(tag);
        Server.Scripts.Hold(tag, async (r, ct) =>
        {
            if (r.Step == "deck-structure")
            {
                await allSix.ArriveAsync(ct);
                // Last part first: part k answers once the writer has reported the parts after it.
                await progress.Reached(StepCatalog.DeckSlides - (r.DeckPart * StepCatalog.DeckPartSlides)).WaitAsync(ct);
            }
        });
        using var writer = new WriterUnderTest(Server);

        var writing = writer.Writer.WriteAsync(Deck, Inputs(tag), Reports(progress.ReportAsync), writer.Cancel.Token);
        await allSix.All.WaitAsync(Generous); // times out (failing the test) unless all six part requests are open at once
        var written = await writing.WaitAsync(Generous);

        var parts = Server.For(tag, "deck-structure").OrderBy(r => r.DeckPart).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], parts.Select(p => p.DeckPart));
        var deck = JsonNode.Parse(written.Json)!;
        var slides = deck["slides"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, 60), slides.Select(s => s!["slideNumber"]!.GetValue<int>()));
        Assert.True(JsonNode.DeepEquals(new JsonArray([.. parts.SelectMany(p => JsonNode.Parse(p.Content!)!["slides"]!.AsArray().Select(s => s!.DeepClone()))]), slides));
        Assert.Equal(Details(6), progress.Reports.Select(r => r.Detail));

        // Every part was written from the outline: its title, method name and steps, and the part's own brief.
        var outline = JsonNode.Parse(Server.For(tag, "deck-outline").Single().Content!)!;
        var method = outline["method"]!["name"]!.GetValue<string>();
        Assert.Equal(outline["title"]!.GetValue<string>(), deck["title"]!.GetValue<string>());
        Assert.All(parts, p =>
        {
            Assert.Contains(Encoded(method), p.Prompt, StringComparison.Ordinal);
            Assert.All(outline["method"]!["steps"]!.AsArray(), s => Assert.Contains(Encoded(s!["name"]!.GetValue<string>()), p.Prompt, StringComparison.Ordinal));
            Assert.Contains(Encoded(outline["parts"]![p.DeckPart - 1]!["brief"]!.GetValue<string>()), p.Prompt, StringComparison.Ordinal);
        });
        Assert.Contains(slides, s => s!["section"]!.GetValue<string>() == "solution" && s["title"]!.GetValue<string>().Contains(method, StringComparison.Ordinal));
        Assert.Equal(written.InputTokens, Server.For(tag).Sum(r => r.InputTokens));
        Assert.Equal(written.OutputTokens, Server.For(tag).Sum(r => r.OutputTokens));
    }

    [Fact]
    public async Task Progress_of_parts_finishing_together_is_reported_one_at_a_time_and_only_rises()
    {
        var tag = Tag("Together Bakery");
        var progress = new ProgressLog(simulatedWrite: TimeSpan.FromMilliseconds(20));
        var allSix = Barrier(tag);
        Server.Scripts.Hold(tag, (r, ct) => r.Step == "deck-structure" ? allSix.ArriveAsync(ct) : Task.CompletedTask);
        using var writer = new WriterUnderTest(Server);

        await writer.Writer.WriteAsync(Deck, Inputs(tag), Reports(progress.ReportAsync), writer.Cancel.Token).WaitAsync(Generous);

        // Parts finishing while a report is being written are counted into the next one: any of the counts may be
        // skipped, but each report is newer than the last, and the last is the whole deck.
        Assert.Equal(1, progress.MostAtOnce);
        var details = progress.Reports.Select(r => r.Detail).ToList();
        Assert.Equal(["outline", "slides 0/60"], details.Take(2));
        Assert.Equal("slides 60/60", details[^1]);
        Assert.Subset(Details(6).ToHashSet(), details.ToHashSet());
        Assert.Equal(details.Order(Comparer<string>.Create((a, b) => Rank(a).CompareTo(Rank(b)))), details);
        Assert.Equal(details.Count, details.Distinct().Count());
        var percents = progress.Reports.Select(r => r.Percent).ToList();
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(percents.Count, percents.Distinct().Count());
        Assert.Equal(100, percents[^1]);

        static int Rank(string detail) => Details(6).ToList().IndexOf(detail);
    }

    [Fact]
    public async Task A_failing_progress_report_fails_the_deck_call_as_it_is_and_cancels_the_parts()
    {
        var tag = Tag("Lost Lease Laundry");
        var allSix = Barrier(tag);
        var reportArrivals = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Scripts.Hold(tag, async (r, ct) =>
        {
            if (r.Step == "deck-structure")
            {
                await allSix.ArriveAsync(ct);
                reportArrivals.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
        });
        using var writer = new WriterUnderTest(Server);

        // As the app's report does when this node lost the run: the deck must stop and pass the exception on unchanged.
        var lost = new InvalidOperationException("the lease was lost");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.Writer.WriteAsync(Deck, Inputs(tag),
            Reports(async (detail, _) =>
            {
                if (detail == "slides 0/60")
                {
                    await reportArrivals.Task;
                    throw lost;
                }
            }), writer.Cancel.Token).WaitAsync(Generous));

        Assert.Same(lost, error);
        Assert.Equal(0, writer.Gate.InFlight);
        await Task.WhenAll(Server.For(tag, "deck-structure").Select(r => r.Aborted.Task)).WaitAsync(Generous);
    }

    [Fact]
    public async Task A_failing_part_fails_the_deck_call_and_cancels_the_parts_still_in_flight()
    {
        var tag = Tag("Broken Spoke Cycles");
        var progress = new ProgressLog();
        var allSix = Barrier(tag);
        Server.Scripts.Set(tag, r => r.DeckPart == 3 ? ProviderFault.ServerError : ProviderFault.None);
        Server.Scripts.Hold(tag, async (r, ct) =>
        {
            if (r.Step == "deck-structure")
            {
                await allSix.ArriveAsync(ct);
                if (r.DeckPart != 3)
                {
                    await Task.Delay(Timeout.Infinite, ct); // the other parts never answer: only a cancel ends them
                }
            }
        });
        using var writer = new WriterUnderTest(Server);

        var error = await Assert.ThrowsAsync<WriterException>(() => writer.Writer.WriteAsync(Deck, Inputs(tag), Reports(progress.ReportAsync), writer.Cancel.Token).WaitAsync(Generous));

        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.True(error.Transient); // so the step's retry writes the deck again
        Assert.Equal(0, writer.Gate.InFlight); // the call returned with none of its parts still running
        var others = Server.For(tag, "deck-structure").Where(r => r.DeckPart != 3).ToList();
        Assert.Equal([1, 2, 4, 5, 6], others.Select(r => r.DeckPart).Order());
        await Task.WhenAll(others.Select(r => r.Aborted.Task)).WaitAsync(Generous); // each was cancelled at the provider
        Assert.Single(Server.For(tag, "deck-structure"), r => r.DeckPart == 3);
        Assert.Equal(["outline", "slides 0/60"], progress.Reports.Select(r => r.Detail));
    }

    [Fact]
    public async Task Cancelling_the_deck_call_cancels_every_part_in_flight()
    {
        var tag = Tag("Quiet Quarry Climbing");
        var allSix = Barrier(tag);
        Server.Scripts.Hold(tag, async (r, ct) =>
        {
            if (r.Step == "deck-structure")
            {
                await allSix.ArriveAsync(ct);
                await Task.Delay(Timeout.Infinite, ct);
            }
        });
        using var writer = new WriterUnderTest(Server);
        using var cancel = new CancellationTokenSource();

        var writing = writer.Writer.WriteAsync(Deck, Inputs(tag), StepReports.None, cancel.Token);
        await allSix.All.WaitAsync(Generous);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writing.WaitAsync(Generous));
        Assert.Equal(0, writer.Gate.InFlight);
        await Task.WhenAll(Server.For(tag, "deck-structure").Select(r => r.Aborted.Task)).WaitAsync(Generous);
    }

    [Fact]
    public async Task Decks_sharing_a_gate_smaller_than_their_parts_take_turns_and_both_finish()
    {
        string[] tags = [Tag("Narrow Gate Gardens"), Tag("Narrow Gate Glass")];
        foreach (var tag in tags)
        {
            Server.Scripts.Set(tag, _ => ProviderFault.None);
        }

        using var writer = new WriterUnderTest(Server, maxConcurrentCalls: 2);

        var written = await Task.WhenAll(tags.Select(t => writer.Writer.WriteAsync(Deck, Inputs(t), StepReports.None, writer.Cancel.Token)))
            .WaitAsync(Generous);

        Assert.All(written, w => Assert.Equal(Enumerable.Range(1, 60),
            JsonNode.Parse(w.Json)!["slides"]!.AsArray().Select(s => s!["slideNumber"]!.GetValue<int>())));
        Assert.All(tags, t => Assert.Equal(1 + StepCatalog.DeckParts, Server.For(t).Count));
        Assert.InRange(writer.MostCallsAtOnce, 1, 2);
        Assert.Equal(0, writer.Gate.InFlight);
    }

    private static StepReports Reports(Func<string, int, Task> progress) => StepReports.None with { Progress = progress };

    private static IEnumerable<string> Details(int parts) =>
        ["outline", .. Enumerable.Range(0, parts + 1).Select(i => $"slides {i * StepCatalog.DeckPartSlides}/{StepCatalog.DeckSlides}")];

    private static StepInputs Inputs(string businessName) => new(new IntakeBrief([new IntakeFacts(
        "form", "Discovery call", businessName, "Local services", "busy parents in town", "no time to plan ahead",
        "doing it themselves on weekends", "a calm, planned month", "$300", "6 weeks", null)]), null, null);

    /// <summary>Text as it appears inside a prompt's JSON data block.</summary>
    private static string Encoded(string text) =>
        JsonSerializer.Serialize(text, PromptJson)[1..^1].Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal);

    /// <summary>A unique business name: the fake server finds it in the prompt to apply this test's script.</summary>
    private static string Tag(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private PartBarrier Barrier(string tag)
    {
        Server.Scripts.Set(tag, _ => ProviderFault.None);
        return new PartBarrier(StepCatalog.DeckParts);
    }

    public sealed class ServerFixture : IAsyncLifetime
    {
        public FakeProviderServer Server { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Server = await FakeProviderServer.StartAsync();

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }

    /// <summary>Completes <see cref="All"/> when <c>count</c> requests have arrived; each arrival waits for it.</summary>
    private sealed class PartBarrier(int count)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task All => _all.Task;

        public Task ArriveAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) == count)
            {
                _all.TrySetResult();
            }

            return _all.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Records progress reports, how many were being made at once, and when a slide count was reached.</summary>
    private sealed class ProgressLog(TimeSpan? simulatedWrite = null)
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _reached = new();
        private readonly List<(string Detail, int Percent)> _reports = [];
        private int _inside;
        private int _mostAtOnce;

        public IReadOnlyList<(string Detail, int Percent)> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public Task Reached(int slides) => Slides(slides).Task;

        public async Task ReportAsync(string detail, int percent)
        {
            var inside = Interlocked.Increment(ref _inside);
            lock (_reports)
            {
                _reports.Add((detail, percent));
                _mostAtOnce = Math.Max(_mostAtOnce, inside);
            }

            // The app writes each report to the database; a report that takes a while shows any overlap.
            if (simulatedWrite is { } write)
            {
                await Task.Delay(write);
            }
            else
            {
                await Task.Yield();
            }

            Interlocked.Decrement(ref _inside);
            if (detail.StartsWith("slides ", StringComparison.Ordinal))
            {
                Slides(int.Parse(detail["slides ".Length..detail.IndexOf('/', StringComparison.Ordinal)], CultureInfo.InvariantCulture)).TrySetResult();
            }
        }

        private TaskCompletionSource Slides(int slides) => _reached.GetOrAdd(slides, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>The app's step writer on a real OpenAI client pointed at the fake server, with its own call gate.</summary>
    private sealed class WriterUnderTest : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
        private int _inFlight;
        private int _mostCallsAtOnce;

        public WriterUnderTest(FakeProviderServer server, int maxConcurrentCalls = 8)
        {
            var options = Options.Create(new WriterOptions
            {
                Provider = "OpenAI",
                Timeout = TimeSpan.FromMinutes(1),
                MaxConcurrentCalls = maxConcurrentCalls,
                OpenAI = { Endpoint = new Uri(server.BaseAddress, "/v1"), Model = "gpt-test-mini", ApiKey = "sk-test-deck-0123456789" },
            });
            var redactor = new SecretRedactor(options);
            var provider = new ProviderChatClient(OpenAIProvider.Create(options.Value, _http), "OpenAI", redactor, NullLogger.Instance);
            Gate = new WriterGate(options);
            Writer = new ChatStepWriter(new Counting(provider, this), new PromptLibrary(), Gate, redactor, options, TimeProvider.System);
        }

        public ChatStepWriter Writer { get; }

        public WriterGate Gate { get; }

        /// <summary>Ends anything a failing test left running.</summary>
        public CancellationTokenSource Cancel { get; } = new(TimeSpan.FromMinutes(2));

        public int MostCallsAtOnce => Volatile.Read(ref _mostCallsAtOnce);

        public void Dispose()
        {
            Cancel.Cancel();
            Cancel.Dispose();
            Gate.Dispose();
            _http.Dispose();
        }

        private sealed class Counting(IChatClient inner, WriterUnderTest owner) : DelegatingChatClient(inner)
        {
            public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
                IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                var now = Interlocked.Increment(ref owner._inFlight);
                int most;
                while (now > (most = Volatile.Read(ref owner._mostCallsAtOnce)) && Interlocked.CompareExchange(ref owner._mostCallsAtOnce, now, most) != most)
                {
                }

                try
                {
                    await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
                    {
                        yield return update;
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref owner._inFlight);
                }
            }
        }
    }
}
