using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Funnelcraft.Tests.Writers.Streaming;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Live;

/// <summary>
/// Previews on the event stream and at <c>…/steps/{step}/preview</c>, written by the offline writer (which streams over
/// its delay): in order, growing, only while their attempt writes the step; at once for a client that arrives mid-step;
/// gone when the attempt ends.
/// </summary>
public abstract class PreviewDeliveryTests(PostgresCluster cluster)
{
    protected abstract DatabaseKind Kind { get; }

    private Task<FunnelcraftApp> StartAsync(string stepDelay) => FunnelcraftApp.StartAsync(Kind, cluster, new Dictionary<string, string?>
    {
        ["Writer:Offline:StepDelay"] = stepDelay,
    });

    [Fact]
    public async Task Previews_arrive_in_order_with_growing_content_while_their_attempt_writes_the_step()
    {
        await using var app = await StartAsync("00:00:00.900");
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await using var live = await LiveEvents.OpenAsync(api.Http, projectId);

        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        await live.RunEndedAsync();

        GenerationStatus? status = null;
        var previews = new Dictionary<int, List<SseClient.PreviewEvent>>();
        foreach (var e in live.Events)
        {
            if (LiveEvents.IsStatus(e))
            {
                status = SseClient.Parse(e.Data);
                continue;
            }

            Assert.True(LiveEvents.IsPreview(e), e.Type);
            Assert.Null(e.Id); // Last-Event-ID stays a status version
            var preview = LiveEvents.Preview(e);
            Assert.NotNull(status);
            Assert.Equal(status.RunId, preview.RunId);
            var step = status.Progress.Single(p => p.Step == preview.Step);
            Assert.Equal((StepStatus.InProgress, step.Attempt), (step.Status, preview.Attempt));
            (previews.TryGetValue(preview.Step, out var list) ? list : previews[preview.Step] = []).Add(preview);
        }

        Assert.Equal(RunStatus.Completed, status!.RunStatus);
        foreach (var number in StepCatalog.Numbers)
        {
            var steps = previews.GetValueOrDefault(number) ?? [];
            Assert.True(steps.Count >= 2, $"step {number}: {steps.Count} previews");
            var seqs = steps.Select(p => p.Seq).ToList();
            Assert.Equal(seqs.Order(), seqs);
            Assert.Equal(seqs.Count, seqs.Distinct().Count());
            var final = JsonNode.Parse((await api.StepAsync(projectId, StepCatalog.Get(number).Key)).GetProperty("content").GetRawText());
            var contents = steps.Select(p => JsonNode.Parse(p.Content.GetRawText())).Append(final).ToList();
            Func<JsonNode?, JsonNode?, bool> grows = number == StepCatalog.Deck ? Growth.DeckGrows : Growth.Grows;
            Assert.All(contents.Zip(contents.Skip(1)), pair => Assert.True(grows(pair.First, pair.Second), $"{pair.First?.ToJsonString()}\n→ {pair.Second?.ToJsonString()}"));
            Assert.False(JsonNode.DeepEquals(contents[0], final), $"step {number}: the first preview is already the whole content");
        }

        Assert.Empty(app.Services.GetRequiredService<PreviewHub>().Of(projectId)); // never kept once the attempt ended
    }

    [Fact]
    public async Task A_client_that_connects_or_reconnects_mid_step_gets_the_current_preview_right_after_the_status()
    {
        await using var app = await StartAsync("00:00:06");
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await using var first = await LiveEvents.OpenAsync(api.Http, projectId);
        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        var seen = LiveEvents.Preview(await first.WaitForAsync(e => LiveEvents.IsPreview(e) && LiveEvents.Preview(e).Seq >= 2));
        var lastStatus = first.Events.Last(LiveEvents.IsStatus);

        // Reconnecting up to date (Last-Event-ID = the newest status): no status to repeat, the previews at once.
        await using var reconnected = await LiveEvents.OpenAsync(api.Http, projectId, lastStatus.Id);
        AssertCurrent(seen, await OpeningPreviewAsync(reconnected, seen, afterStatus: false));

        // Connecting afresh: the status, then the previews.
        await using var fresh = await LiveEvents.OpenAsync(api.Http, projectId);
        AssertCurrent(seen, await OpeningPreviewAsync(fresh, seen, afterStatus: true));

        // The polling fallback reads the same preview.
        var polled = await api.Http.GetFromJsonAsync<SseClient.PreviewEvent>($"/api/projects/{projectId}/steps/{seen.Step}/preview", ApiClient.Json);
        AssertCurrent(seen, polled!);
        await api.PostJsonAsync("/api/generate/cancel", new { projectId });
    }

    [Fact]
    public async Task A_cancelled_attempts_preview_disappears_everywhere()
    {
        await using var app = await StartAsync("00:00:06");
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await using var live = await LiveEvents.OpenAsync(api.Http, projectId);
        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        var preview = LiveEvents.Preview(await live.WaitForAsync(LiveEvents.IsPreview));
        var path = $"/api/projects/{projectId}/steps/{preview.Step}/preview";
        using (var during = await api.Http.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
            Assert.Equal("no-store", during.Headers.CacheControl?.ToString());
        }

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostJsonAsync("/api/generate/cancel", new { projectId })).StatusCode);
        var ended = await live.RunEndedAsync();

        Assert.Equal(RunStatus.Cancelled, SseClient.Parse(ended.Data).RunStatus);
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync(path), HttpStatusCode.NotFound);
        Assert.Empty(app.Services.GetRequiredService<PreviewHub>().Of(projectId));
        if (Kind == DatabaseKind.Postgres)
        {
            await using var db = app.NewDbContext();
            Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM step_previews WHERE project_id = {projectId}").SingleAsync());
        }

        Assert.DoesNotContain(live.Events.SkipWhile(e => e != ended), LiveEvents.IsPreview);
    }

    [Fact]
    public async Task A_step_that_is_not_being_written_has_no_preview()
    {
        await using var app = await StartAsync("00:00:00.020");
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync($"/api/projects/{projectId}/steps/offer/preview"), HttpStatusCode.NotFound);
        await api.GenerateAsync(projectId);
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync($"/api/projects/{projectId}/steps/offer/preview"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await api.Http.GetAsync($"/api/projects/{projectId}/steps/nope/preview"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_content_pages_draft_is_the_preview_in_the_steps_layout_for_its_owner_only()
    {
        await using var app = await StartAsync("00:00:06");
        using var api = await app.Client().SignUpAsync();
        using var other = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var path = $"/funnel-builder/{projectId}/step/{StepCatalog.Offer}?handler=Draft";
        using var owner = await SignedInPagesAsync(app, api.Email!);
        using var stranger = await SignedInPagesAsync(app, other.Email!);
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await using var live = await LiveEvents.OpenAsync(api.Http, projectId);
        await AssertNoDraftAsync(owner, path); // nothing is being written

        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        var named = LiveEvents.Preview(await live.WaitForAsync(e => LiveEvents.IsPreview(e) && LiveEvents.Preview(e) is { Step: StepCatalog.Offer } p
            && p.Content.TryGetProperty("name", out var name) && name.GetString()?.Trim().Length > 0));

        using (var draft = await owner.GetAsync(path))
        {
            var html = await draft.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
            Assert.Equal("no-store", draft.Headers.CacheControl?.ToString());
            Assert.Contains("class=\"content offer", html, StringComparison.Ordinal); // the offer's own layout
            Assert.Contains(HtmlEncoder.Default.Encode(named.Content.GetProperty("name").GetString()!), html, StringComparison.Ordinal); // the name so far (it only grows)
        }

        await AssertNoDraftAsync(stranger, path); // another user's project: nothing, not even that it exists
        using (var signedOut = await anonymous.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            Assert.StartsWith("/account/login", signedOut.Headers.Location?.PathAndQuery ?? signedOut.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostJsonAsync("/api/generate/cancel", new { projectId })).StatusCode);
        await live.RunEndedAsync();
        await AssertNoDraftAsync(owner, path); // the attempt ended: its draft with it
    }

    private static async Task AssertNoDraftAsync(HttpClient pages, string path)
    {
        using var response = await pages.GetAsync(path);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<HttpClient> SignedInPagesAsync(FunnelcraftApp app, string email)
    {
        var pages = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await pages.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = ApiClient.Password })).EnsureSuccessStatusCode();
        return pages;
    }

    /// <summary>
    /// The preview of <paramref name="seen"/>'s step among the first events of a stream that just opened: the status (when
    /// <paramref name="afterStatus"/>), then one preview of each step being written (several steps may be written at once).
    /// </summary>
    internal static async Task<SseClient.PreviewEvent> OpeningPreviewAsync(LiveEvents stream, SseClient.PreviewEvent seen, bool afterStatus)
    {
        var match = await stream.WaitForAsync(e => LiveEvents.IsPreview(e) && LiveEvents.Preview(e).Step == seen.Step);
        var opening = stream.Events.TakeWhile(e => !ReferenceEquals(e, match)).Append(match).ToList();
        var previews = opening.Skip(afterStatus ? 1 : 0).ToList();
        Assert.Equal(afterStatus, LiveEvents.IsStatus(opening[0]));
        Assert.All(previews, e => Assert.True(LiveEvents.IsPreview(e), $"{e.Type}: {e.Data}"));
        var steps = previews.Select(e => LiveEvents.Preview(e).Step).ToList();
        Assert.Equal(steps.Distinct().Count(), steps.Count); // the opening previews, not later ones
        return LiveEvents.Preview(match);
    }

    /// <summary>The preview a newcomer got is the one an earlier client saw, or a later one of the same attempt.</summary>
    internal static void AssertCurrent(SseClient.PreviewEvent seen, SseClient.PreviewEvent got)
    {
        Assert.Equal((seen.RunId, seen.Step, seen.Attempt), (got.RunId, got.Step, got.Attempt));
        Assert.True(got.Seq >= seen.Seq, $"seq {got.Seq} < {seen.Seq}");
        var (before, after) = (JsonNode.Parse(seen.Content.GetRawText()), JsonNode.Parse(got.Content.GetRawText()));
        Assert.True(seen.Step == StepCatalog.Deck ? Growth.DeckGrows(before, after) : Growth.Grows(before, after));
        Assert.True(after!.ToJsonString().Length > 2, "the whole preview so far, not an empty one");
    }
}

public sealed class PreviewDeliveryTestsOnSqlite(PostgresCluster cluster) : PreviewDeliveryTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PreviewDeliveryTestsOnPostgres(PostgresCluster cluster) : PreviewDeliveryTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
