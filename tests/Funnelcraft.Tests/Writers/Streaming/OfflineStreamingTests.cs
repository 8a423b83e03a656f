using System.Text.Json;
using System.Text.Json.Nodes;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Writers;
using Funnelcraft.Writers.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using static Funnelcraft.Tests.Writers.OfflineIntakes;

namespace Funnelcraft.Tests.Writers.Streaming;

/// <summary>
/// The offline writer through the app's step writer, as a run uses it: it streams its answer over its delay, so the
/// step writer sends growing previews; it writes from the step's inputs (never the prompt); a cancel reports what was
/// used; the user's instruction reaches it.
/// </summary>
public sealed class OfflineStreamingTests
{
    /// <summary>Long enough for a loaded machine; only reached when the behaviour is wrong.</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    private static readonly StepInputs Inputs = new(new IntakeBrief([FullForm]), null, null);

    [Fact]
    public async Task Previews_arrive_in_order_with_growing_content_until_the_step_is_written()
    {
        var previews = new PreviewLog();
        using var writer = new OfflineWriter(TimeSpan.FromSeconds(2));

        var written = await writer.Writer.WriteAsync(StepCatalog.Get(StepCatalog.Offer), Inputs, previews.Reports, CancellationToken.None).WaitAsync(Generous);

        var contents = previews.Contents;
        Assert.True(contents.Count >= 3, $"{contents.Count} previews in two seconds of writing");
        Assert.Equal(Enumerable.Range(1, contents.Count).Select(i => (long)i), previews.Previews.Select(p => p.Seq));
        Assert.True(previews.ShortestGap >= StepPreview.Interval - TimeSpan.FromMilliseconds(15), $"{previews.ShortestGap}");
        Assert.Equal(1, previews.MostAtOnce);
        var final = JsonNode.Parse(written.Json)!;
        Assert.All(contents.Zip([.. contents.Skip(1), final]), pair => Assert.True(Growth.Grows(pair.First, pair.Second), $"{pair.First.ToJsonString()}\n→ {pair.Second.ToJsonString()}"));
        Assert.True(contents[0].AsObject().Count < final.AsObject().Count, "the first preview has fields still to come");
        Assert.False(JsonNode.DeepEquals(contents[^1], final)); // the preview is a draft; the written content is the whole of it
        Assert.Equal(OfflineRun.Serialize(OfflineRun.Write(FullForm).Offer), OfflineRun.Serialize(JsonSerializer.Deserialize<OfferContent>(written.Json, ContentJson.Options)!));
    }

    [Fact]
    public async Task The_deck_previews_its_title_then_its_six_parts_filling_in_at_once()
    {
        var previews = new PreviewLog();
        using var writer = new OfflineWriter(TimeSpan.FromSeconds(1.5));

        var written = await writer.Writer.WriteAsync(StepCatalog.Get(StepCatalog.Deck), Inputs, previews.Reports, CancellationToken.None).WaitAsync(Generous);

        var contents = previews.Contents;
        var final = JsonNode.Parse(written.Json)!;
        Assert.All(contents.Zip([.. contents.Skip(1), final]), pair => Assert.True(Growth.DeckGrows(pair.First, pair.Second), $"{pair.First.ToJsonString()}\n→ {pair.Second.ToJsonString()}"));
        Assert.Null(contents[0]["slides"]); // the outline: its title first
        Assert.StartsWith(contents[0]["title"]!.GetValue<string>(), final["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var withSlides = contents.Where(c => Growth.Slides(c).Count > 0).ToList();
        Assert.NotEmpty(withSlides);
        Assert.All(withSlides, c => Assert.Equal(final["title"]!.GetValue<string>(), c["title"]!.GetValue<string>()));
        Assert.All(withSlides, c =>
        {
            var numbers = Growth.Slides(c).Select(s => s!["slideNumber"]!.GetValue<int>()).ToList();
            Assert.Equal(numbers.Order(), numbers); // in slide order
        });
        // The parts stream at the same time: some preview holds slides of every part, before the deck is whole.
        Assert.Contains(withSlides, c => Growth.Slides(c).Select(s => (s!["slideNumber"]!.GetValue<int>() - 1) / StepCatalog.DeckPartSlides).Distinct().Count() == StepCatalog.DeckParts
            && Growth.Slides(c).Count < StepCatalog.DeckSlides);
    }

    [Fact]
    public async Task Each_attempt_numbers_its_previews_from_one()
    {
        using var writer = new OfflineWriter(TimeSpan.FromMilliseconds(500));
        var first = new PreviewLog();
        var second = new PreviewLog();

        await writer.Writer.WriteAsync(StepCatalog.Get(StepCatalog.Watch), Inputs, first.Reports, CancellationToken.None).WaitAsync(Generous);
        await writer.Writer.WriteAsync(StepCatalog.Get(StepCatalog.Watch), Inputs, second.Reports, CancellationToken.None).WaitAsync(Generous);

        Assert.Equal(1, first.Previews[0].Seq);
        Assert.Equal(1, second.Previews[0].Seq);
    }

    [Fact]
    public async Task Cancelling_mid_stream_stops_the_write_and_tells_the_tokens_used_so_far()
    {
        var previews = new PreviewLog(signalAt: 2);
        using var writer = new OfflineWriter(TimeSpan.FromSeconds(20));
        using var cancel = new CancellationTokenSource();

        var writing = writer.Writer.WriteAsync(StepCatalog.Get(StepCatalog.Offer), Inputs, previews.Reports, cancel.Token);
        await previews.Enough.WaitAsync(Generous);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<WriterCancelledException>(() => writing.WaitAsync(Generous));
        var whole = await new OfflineWriter(TimeSpan.Zero).Writer.WriteAsync(StepCatalog.Get(StepCatalog.Offer), Inputs, StepReports.None, CancellationToken.None);
        Assert.True(error.UsedSoFar.Estimated); // the offline writer, like OpenAI, reports usage only at the end
        Assert.InRange(error.UsedSoFar.InputTokens, whole.InputTokens * 0.9, whole.InputTokens * 1.1); // the prompt was sent whole
        Assert.InRange(error.UsedSoFar.OutputTokens, 1, whole.OutputTokens / 2); // part of the answer, well short of all of it
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Fact]
    public async Task The_offline_writer_writes_from_the_step_inputs_never_from_the_prompt()
    {
        using var client = new OfflineChatClient(new OfflineWriterOptions { StepDelay = TimeSpan.Zero }, TimeProvider.System);
        var request = new WriterRequest("offer", Inputs);
        var options = request.AttachTo(new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        var answer = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Write something nice. <intake>{\"intakes\": []}</intake>")], options);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "<intake>{}</intake>")], new ChatOptions()));

        Assert.Contains("Bright Path Bookkeeping", answer.Text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.True(answer.Usage?.OutputTokenCount > 0);
        Assert.Contains("WriterRequest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_users_instruction_reaches_the_offline_writer_through_the_step_writer()
    {
        using var writer = new OfflineWriter(TimeSpan.Zero);
        var offer = StepCatalog.Get(StepCatalog.Offer);

        var plain = await writer.Writer.WriteAsync(offer, Inputs, StepReports.None, CancellationToken.None);
        var shorter = await writer.Writer.WriteAsync(offer, Inputs with { Instruction = "  shorter, please  " }, StepReports.None, CancellationToken.None);
        var noted = await writer.Writer.WriteAsync(offer, Inputs with { Instruction = "mention the guarantee first" }, StepReports.None, CancellationToken.None);

        Assert.True(shorter.Json.Length < plain.Json.Length, $"{shorter.Json.Length} < {plain.Json.Length}");
        Assert.DoesNotContain("Note for this version", shorter.Json, StringComparison.Ordinal);
        Assert.Contains("mention the guarantee first", noted.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instruction_longer_than_1000_characters_is_refused_before_any_call()
    {
        var calls = 0;
        using var writer = new OfflineWriter(TimeSpan.Zero, onCall: () => Interlocked.Increment(ref calls));
        var offer = StepCatalog.Get(StepCatalog.Offer);

        await writer.Writer.WriteAsync(offer, Inputs with { Instruction = new string('a', StepInputs.MaxInstructionLength) }, StepReports.None, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            writer.Writer.WriteAsync(offer, Inputs with { Instruction = new string('a', StepInputs.MaxInstructionLength + 1) }, StepReports.None, CancellationToken.None));

        Assert.Contains("1000 characters", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_preview_that_cannot_be_delivered_stops_the_write_with_its_exception()
    {
        using var writer = new OfflineWriter(TimeSpan.FromSeconds(20));
        var broken = new InvalidOperationException("the preview could not be delivered");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.Writer.WriteAsync(StepCatalog.Get(StepCatalog.Offer), Inputs,
            StepReports.None with { Preview = _ => throw broken }, CancellationToken.None).WaitAsync(Generous));

        Assert.Same(broken, error); // at once: long before the 20 s call would have ended
        Assert.Equal(0, writer.Gate.InFlight);
    }

    /// <summary>The app's step writer on the offline writer, with its own call gate.</summary>
    private sealed class OfflineWriter : IDisposable
    {
        public OfflineWriter(TimeSpan stepDelay, Action? onCall = null)
        {
            var options = Options.Create(new WriterOptions { Offline = { StepDelay = stepDelay } });
            Gate = new WriterGate(options);
            IChatClient client = new OfflineChatClient(options.Value.Offline, TimeProvider.System);
            if (onCall is not null)
            {
                client = new CountingClient(client, onCall);
            }

            Writer = new ChatStepWriter(client, new PromptLibrary(), Gate, new SecretRedactor(options), options, TimeProvider.System);
        }

        public ChatStepWriter Writer { get; }

        public WriterGate Gate { get; }

        public void Dispose() => Gate.Dispose();

        private sealed class CountingClient(IChatClient inner, Action onCall) : DelegatingChatClient(inner)
        {
            public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
                IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                onCall();
                return base.GetStreamingResponseAsync(messages, options, cancellationToken);
            }
        }
    }
}
