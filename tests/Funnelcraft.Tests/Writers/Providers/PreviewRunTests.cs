using System.Net;
using System.Text.Json.Nodes;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Funnelcraft.Tests.Live;
using Funnelcraft.Tests.Writers.Streaming;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>
/// A whole run through each provider's real client, the fake provider streaming its answers in paced chunks: the
/// previews reach the event stream in order and growing; an attempt whose stream stalls fails, its preview disappears,
/// and the retry's previews start again from seq 1.
/// </summary>
public abstract class PreviewRunTests(ProviderFixture fixture)
{
    private FakeProviderServer Server => fixture.Server;

    private FunnelcraftApp App => fixture.App;

    [Fact]
    public async Task A_stalled_attempts_preview_disappears_and_the_retry_streams_afresh()
    {
        var tag = $"Streaming Sails {Guid.NewGuid().ToString("N")[..6]}";
        Server.Scripts.Set(tag, e => e.Step == "offer" && e.Call == 1 ? ProviderFault.Stall : ProviderFault.None);
        Server.Scripts.Pace(tag, e => TimeSpan.FromMilliseconds(e.Step == "offer" ? 4 : 0));
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();
        await api.AddIntakeAsync(projectId, tag);
        await using var live = await LiveEvents.OpenAsync(api.Http, projectId);

        var hub = App.Services.GetRequiredService<PreviewHub>();
        var published = new System.Collections.Concurrent.ConcurrentDictionary<(int Step, int Attempt), byte>();
        using var watch = hub.Watch(projectId, () =>
        {
            foreach (var p in hub.Of(projectId))
            {
                published.TryAdd((p.Step, p.Attempt), 0);
            }
        });

        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        var retrying = await live.WaitForStatusAsync(s => Offer(s)?.Detail?.StartsWith("Retrying", StringComparison.Ordinal) == true);
        Assert.Contains((StepCatalog.Offer, 1), published.Keys); // the stalled attempt had a preview…
        Assert.DoesNotContain(hub.Of(projectId), p => p.Step == StepCatalog.Offer && p.Attempt == 1); // …gone with its attempt
        await live.RunEndedAsync();

        var events = live.Events;
        var offer = events.Where(LiveEvents.IsPreview).Select(LiveEvents.Preview).Where(p => p.Step == StepCatalog.Offer).ToList();
        var retry = offer.Where(p => p.Attempt == 2).ToList(); // (a client may miss the stalled attempt's: the latest wins, and it is gone within a second)
        Assert.True(retry.Count >= 2, $"{retry.Count} previews of the retry");
        Assert.Equal(1, retry.Min(p => p.Seq) is var low && low <= 2 ? 1 : low); // numbered afresh within the new attempt
        Assert.Equal(retry.Select(p => p.Seq).Order(), retry.Select(p => p.Seq));
        Assert.DoesNotContain(events.SkipWhile(e => !ReferenceEquals(e, retrying)), e => LiveEvents.IsPreview(e) && LiveEvents.Preview(e) is { Step: StepCatalog.Offer, Attempt: 1 });

        var last = events.Last(LiveEvents.IsStatus);
        Assert.True(SseClient.Parse(last.Data).RunStatus == RunStatus.Completed, last.Data);
        var final = JsonNode.Parse((await api.StepAsync(projectId, "offer")).GetProperty("content").GetRawText());
        var contents = retry.Select(p => JsonNode.Parse(p.Content.GetRawText())).Append(final).ToList();
        Assert.All(contents.Zip(contents.Skip(1)), pair => Assert.True(Growth.Grows(pair.First, pair.Second), $"{pair.First?.ToJsonString()}\n→ {pair.Second?.ToJsonString()}"));
    }

    private static StepProgress? Offer(GenerationStatus status) => status.Progress.SingleOrDefault(p => p.Step == StepCatalog.Offer);
}

public sealed class OpenAIPreviewRunTests(OpenAIProviderFixture fixture) : PreviewRunTests(fixture), IClassFixture<OpenAIProviderFixture>;

public sealed class AnthropicPreviewRunTests(AnthropicProviderFixture fixture) : PreviewRunTests(fixture), IClassFixture<AnthropicProviderFixture>;
