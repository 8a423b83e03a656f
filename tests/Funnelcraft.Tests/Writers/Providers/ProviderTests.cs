using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Funnelcraft.Writers;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>
/// The real provider clients against a real HTTP server that speaks each provider's protocol: what is sent, what is
/// stored, and how every kind of fault ends (completed after a retry, or a readable failure; never stuck).
/// </summary>
public abstract partial class ProviderTests(ProviderFixture fixture)
{
    private static readonly string[] OfferDependents = ["enrollment", "followup", "marketing-profile"];
    private static readonly JsonSerializerOptions PromptJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected ProviderFixture Fixture { get; } = fixture;
    private FakeProviderServer Server => Fixture.Server;
    private FunnelcraftApp App => Fixture.App;

    [Fact]
    public async Task A_run_sends_model_key_schema_and_grounded_prompts_and_stores_what_the_provider_returned()
    {
        var (api, projectId, tag) = await ProjectAsync("Harbor Lane Yoga");

        var done = await api.GenerateAsync(projectId);

        Assert.Equal(RunStatus.Completed, done.RunStatus);
        var exchanges = Server.For(tag);
        Assert.Equal(StepCatalog.All.Sum(s => s.TotalCalls), exchanges.Count); // the deck: its outline and six parts
        Assert.Equal(1 + (1 + StepCatalog.DeckParts) + 5, exchanges.Count);
        foreach (var e in exchanges)
        {
            AssertWire(e);
            Assert.Contains(Encoded(tag), e.Prompt, StringComparison.Ordinal);
            Assert.DoesNotContain("{{", e.Prompt, StringComparison.Ordinal);
        }

        var offerName = JsonNode.Parse(Server.For(tag, "offer").Single().Content!)!["name"]!.GetValue<string>();
        Assert.All(OfferDependents, step => Assert.Contains(Encoded(offerName), Server.For(tag, step).Single().Prompt, StringComparison.Ordinal));

        // Every deck part is written from the outline: it gets the method's name and steps, and its own brief.
        var outline = JsonNode.Parse(Server.For(tag, "deck-outline").Single().Content!)!;
        var parts = Server.For(tag, "deck-structure").OrderBy(p => p.DeckPart).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], parts.Select(p => p.DeckPart));
        foreach (var part in parts)
        {
            Assert.Contains(Encoded(outline["method"]!["name"]!.GetValue<string>()), part.Prompt, StringComparison.Ordinal);
            Assert.All(outline["method"]!["steps"]!.AsArray(), step => Assert.Contains(Encoded(step!["name"]!.GetValue<string>()), part.Prompt, StringComparison.Ordinal));
            Assert.Contains(Encoded(outline["parts"]![part.DeckPart - 1]!["brief"]!.GetValue<string>()), part.Prompt, StringComparison.Ordinal);
        }

        // Stored content is what the provider returned; the deck is its parts joined in slide order, titled by the outline.
        foreach (var step in StepCatalog.All.Where(s => s.Number != StepCatalog.Deck))
        {
            var stored = (await api.StepAsync(projectId, step.Key)).GetProperty("content").GetRawText();
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Server.For(tag, step.Key).Single().Content!), JsonNode.Parse(stored)), step.Key);
        }

        var deck = (await api.StepAsync(projectId, "deck-structure")).GetProperty("content");
        var returnedSlides = new JsonArray([.. parts.SelectMany(c => JsonNode.Parse(c.Content!)!["slides"]!.AsArray().Select(s => s!.DeepClone()))]);
        Assert.True(JsonNode.DeepEquals(returnedSlides, JsonNode.Parse(deck.GetProperty("slides").GetRawText())));
        Assert.Equal(outline["title"]!.GetValue<string>(), deck.GetProperty("title").GetString());

        // Usage per step and per run is what the provider reported, priced at Writer:Pricing.
        foreach (var progress in done.Progress)
        {
            var calls = Server.For(tag, progress.StepKey).Concat(progress.Step == StepCatalog.Deck ? Server.For(tag, "deck-outline") : []).ToList();
            Assert.Equal(calls.Sum(c => c.InputTokens), progress.Usage.InputTokens);
            Assert.Equal(calls.Sum(c => c.OutputTokens), progress.Usage.OutputTokens);
        }

        Assert.Equal(exchanges.Sum(c => c.InputTokens), done.Usage.InputTokens);
        Assert.Equal(Math.Round(((done.Usage.InputTokens * 2.5m) + (done.Usage.OutputTokens * 10m)) / 1_000_000m, 6), done.Usage.EstimatedCost);
        Assert.Equal("USD", done.Usage.Currency);
    }

    [Fact]
    public async Task A_deck_part_failing_on_the_first_attempt_fails_the_attempt_and_the_retry_writes_the_deck_again_from_a_new_outline()
    {
        var failed = 0;
        var (api, projectId, tag) = await ProjectAsync("Tall Pines Tutoring",
            r => r.DeckPart == 4 && Interlocked.Exchange(ref failed, 1) == 0 ? ProviderFault.ServerError : ProviderFault.None);

        var done = await api.GenerateAsync(projectId);

        AssertCompleted(done);
        Assert.Equal(2, done.Progress.Single(p => p.Step == StepCatalog.Deck).Attempt);
        var outlines = Server.For(tag, "deck-outline");
        Assert.Equal(2, outlines.Count);
        var retried = Server.For(tag, "deck-structure").Where(p => p.At >= outlines[1].At).OrderBy(p => p.DeckPart).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], retried.Select(p => p.DeckPart));
        var deck = (await api.StepAsync(projectId, "deck-structure")).GetProperty("content");
        var returnedSlides = new JsonArray([.. retried.SelectMany(c => JsonNode.Parse(c.Content!)!["slides"]!.AsArray().Select(s => s!.DeepClone()))]);
        Assert.True(JsonNode.DeepEquals(returnedSlides, JsonNode.Parse(deck.GetProperty("slides").GetRawText())));
    }

    [Fact]
    public async Task Without_a_chosen_intake_every_prompt_is_grounded_in_all_of_the_projects_intakes()
    {
        var (api, projectId, tag) = await ProjectAsync("Two Rivers Physio");
        var second = await api.PostJsonAsync($"/api/projects/{projectId}/intakes", new
        {
            method = "transcript",
            sessionName = "Follow-up call",
            businessName = tag,
            targetAudience = "night-shift nurses",
            transcriptText = "Our clients say twelve-hour shifts on hard floors wreck their knees.",
        });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        var done = await api.GenerateAsync(projectId);

        AssertCompleted(done);
        Assert.All(Server.For(tag), e =>
        {
            Assert.Contains("desk workers with back pain", e.Prompt, StringComparison.Ordinal); // the first intake
            Assert.Contains("night-shift nurses", e.Prompt, StringComparison.Ordinal); // the second
            Assert.Contains("twelve-hour shifts on hard floors", e.Prompt, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Rate_limited_with_Retry_After_then_success_completes_the_step_on_attempt_2()
    {
        var (api, projectId, tag) = await ProjectAsync("Ridgeline Roofing", r => r.Step == "offer" && r.Call == 1 ? ProviderFault.RateLimited : ProviderFault.None);

        var started = await StartAsync(api, projectId);
        var retrying = await App.WaitForAsync(projectId, s => Offer(s).Detail?.Contains("rate limiting", StringComparison.Ordinal) == true);
        var done = await App.WaitForAsync(projectId, s => s.RunId == started.RunId && FunnelcraftApp.Finished(s));

        Assert.Equal(1, Offer(retrying).Attempt);
        Assert.Contains("HTTP 429", Offer(retrying).Detail, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.Equal(StepStatus.Completed, Offer(done).Status);
        Assert.Equal(2, Offer(done).Attempt);
        var calls = Server.For(tag, "offer");
        Assert.Equal(2, calls.Count); // neither the SDK nor the HTTP layer retried on its own
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.9), "the step waited for Retry-After: 1");
    }

    [Fact]
    public async Task A_persistent_500_fails_the_step_readably_skips_its_dependents_and_keeps_earlier_content()
    {
        var (api, projectId, tag) = await ProjectAsync("Steady Hands Pottery");
        var first = await api.GenerateAsync(projectId);
        Assert.Equal(RunStatus.Completed, first.RunStatus);
        var earlierOffer = (await api.StepAsync(projectId, "offer")).GetProperty("content").GetRawText();
        Server.Scripts.Set(tag, r => r.Step == "offer" ? ProviderFault.ServerError : ProviderFault.None);

        var done = await api.GenerateAsync(projectId, regenerate: true);

        Assert.Equal(RunStatus.CompletedWithErrors, done.RunStatus);
        var offer = Offer(done);
        Assert.Equal(StepStatus.Failed, offer.Status);
        AssertReadable(offer.Error);
        Assert.Contains("HTTP 500", offer.Error, StringComparison.Ordinal);
        Assert.Contains("gave up after 3 attempts", offer.Error, StringComparison.Ordinal);
        Assert.Equal(offer.Error, done.FailedSteps.Single().Error);
        Assert.All(OfferDependents, key => Assert.Equal(StepStatus.Skipped, done.Progress.Single(p => p.StepKey == key).Status));
        Assert.All(["deck-structure", "watch", "registration"], key => Assert.Equal(StepStatus.Completed, done.Progress.Single(p => p.StepKey == key).Status));
        Assert.Equal(3, Server.For(tag, "offer").Count(e => e.Fault == ProviderFault.ServerError)); // Generation:MaxAttempts, nothing more

        var offerNow = await api.StepAsync(projectId, "offer");
        Assert.Equal(1, offerNow.GetProperty("version").GetInt32());
        Assert.Equal(earlierOffer, offerNow.GetProperty("content").GetRawText());
        Assert.Equal(2, (await api.StepAsync(projectId, "deck-structure")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Cancelling_a_run_aborts_the_request_in_flight_at_the_provider()
    {
        // Its own app with a long per-call timeout: only the cancel can end the hanging request.
        await using var app = new FunnelcraftApp(await TestDatabase.CreateAsync(DatabaseKind.Sqlite, null!), Fixture.Settings(timeout: "00:05:00"), Fixture.Services);
        using var api = await app.Client().SignUpAsync();
        var tag = Tag("Quiet Harbor Books");
        Server.Scripts.Set(tag, r => r.Step == "offer" ? ProviderFault.Hang : ProviderFault.None);
        var projectId = await api.CreateProjectAsync();
        await api.AddIntakeAsync(projectId, tag);
        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        var request = await Server.Seen(tag, "offer").WaitAsync(TimeSpan.FromSeconds(30));

        var cancel = await api.PostJsonAsync("/api/generate/cancel", new { projectId });

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await request.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(30)); // HttpContext.RequestAborted fired at the provider
        var done = await app.WaitForAsync(projectId, FunnelcraftApp.Finished);
        Assert.Equal(RunStatus.Cancelled, done.RunStatus);
        Assert.Equal(StepStatus.Cancelled, Offer(done).Status);
        Assert.Single(Server.For(tag, "offer"));
    }

    [Fact]
    public async Task The_key_never_reaches_the_status_the_stored_status_or_the_logs()
    {
        // The offer's provider answers 500 with a body that echoes the key; the deck's requests fail in a proxy
        // whose exception message holds the key.
        var (api, projectId, tag) = await ProjectAsync(ProviderFixture.LeakyTag, r => r.Step == "offer" ? ProviderFault.ServerError : ProviderFault.None);

        var done = await api.GenerateAsync(projectId);

        Assert.Equal(StepStatus.Failed, Offer(done).Status);
        Assert.Equal(StepStatus.Failed, done.Progress.Single(p => p.Step == StepCatalog.Deck).Status);
        Assert.All(done.FailedSteps, f => AssertReadable(f.Error));
        Assert.Contains(Fixture.Key, Server.For(tag, "offer")[0].Header(Fixture.Wire == Wire.OpenAI ? "authorization" : "x-api-key"), StringComparison.Ordinal);
        var statusJson = await api.Http.GetStringAsync($"/api/generate/generation-status?projectId={projectId}");
        Assert.DoesNotContain(Fixture.Key, statusJson, StringComparison.Ordinal);
        await using (var db = App.NewDbContext())
        {
            var stored = db.Projects.Single(p => p.Id == projectId).AutoGenerationStatus;
            Assert.Contains("HTTP 500", stored, StringComparison.Ordinal);
            Assert.DoesNotContain(Fixture.Key, stored, StringComparison.Ordinal);
        }

        var logs = Fixture.Logs.Text;
        Assert.Contains("Internal error while serving key " + SecretRedactor.Mask, logs, StringComparison.Ordinal); // the body was logged, redacted
        Assert.Contains("credentials " + SecretRedactor.Mask, logs, StringComparison.Ordinal); // so was the proxy's message
        var leak = logs.IndexOf(Fixture.Key, StringComparison.Ordinal);
        Assert.True(leak < 0, leak < 0 ? "" : logs.Substring(Math.Max(0, leak - 1500), Math.Min(2000, logs.Length - Math.Max(0, leak - 1500))));
        Assert.DoesNotContain(Fixture.Key, logs, StringComparison.Ordinal);
    }

    private void AssertWire(ProviderExchangeRecord e)
    {
        Assert.Equal(Fixture.Model, e.Body.GetProperty("model").GetString());
        Assert.True(e.Body.TryGetProperty("stream", out var stream) && stream.GetBoolean(), "the writer streams");
        Assert.DoesNotContain(WriterRequest.OptionsKey, e.Body.GetRawText(), StringComparison.Ordinal); // the request as data stays in the app
        var schema = Assert.NotNull(e.Schema);
        Assert.Equal(JsonValueKind.Object, schema.GetProperty("properties").ValueKind);
        Assert.NotEmpty(schema.GetProperty("required").EnumerateArray());
        if (Fixture.Wire == Wire.OpenAI)
        {
            Assert.Equal("/v1/chat/completions", e.Path);
            Assert.Equal($"Bearer {Fixture.Key}", e.Header("authorization"));
            Assert.Equal("json_schema", e.Body.GetProperty("response_format").GetProperty("type").GetString());
            Assert.Equal(e.Step.Replace('-', '_'), e.Body.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        }
        else
        {
            Assert.Equal("/v1/messages", e.Path);
            Assert.Equal(Fixture.Key, e.Header("x-api-key"));
            Assert.Equal($"Bearer {Fixture.Key}", e.Header("authorization")); // how the official SDK 13.x sends it
            Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", e.Header("anthropic-version"));
            Assert.Equal("json_schema", e.Body.GetProperty("output_config").GetProperty("format").GetProperty("type").GetString());
            Assert.Equal(4096, e.Body.GetProperty("max_tokens").GetInt32());
        }
    }

    private void AssertReadable(string? error)
    {
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain(Fixture.Key, error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error, StringComparison.Ordinal);
        Assert.True(error.Length < 400, error);
    }

    private void AssertCompleted(GenerationStatus status) =>
        Assert.True(status.RunStatus == RunStatus.Completed, JsonSerializer.Serialize(status.Progress.Where(p => p.Status != StepStatus.Completed))
            + "\n" + string.Join("\n", Fixture.Logs.Text.Split('\n').Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("   at", StringComparison.Ordinal)).Take(60)));

    private static StepProgress Offer(GenerationStatus status) => status.Progress.Single(p => p.Step == StepCatalog.Offer);

    /// <summary>A unique business name: the fake server finds it in the prompt to apply this test's script.</summary>
    private static string Tag(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Text as it appears inside a prompt's JSON data block.</summary>
    private static string Encoded(string text) =>
        JsonSerializer.Serialize(text, PromptJson)[1..^1].Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal);

    private async Task<(ApiClient Api, Guid ProjectId, string Tag)> ProjectAsync(string name, Func<ProviderExchangeRecord, ProviderFault>? script = null)
    {
        var tag = name == ProviderFixture.LeakyTag ? name : Tag(name);
        Server.Scripts.Set(tag, script ?? (_ => ProviderFault.None));
        var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();
        await api.AddIntakeAsync(projectId, tag);
        return (api, projectId, tag);
    }

    private static async Task<GenerationStatus> StartAsync(ApiClient api, Guid projectId)
    {
        var response = await api.StartAsync(projectId);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
    }
}

public sealed class OpenAIProviderTests(OpenAIProviderFixture fixture) : ProviderTests(fixture), IClassFixture<OpenAIProviderFixture>;

public sealed class AnthropicProviderTests(AnthropicProviderFixture fixture) : ProviderTests(fixture), IClassFixture<AnthropicProviderFixture>;
