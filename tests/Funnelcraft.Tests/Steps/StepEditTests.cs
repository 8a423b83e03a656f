using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Api;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Steps;

/// <summary><c>PUT /api/projects/{projectId}/steps/{step}</c>: the user's edit becomes a version; bad edits change nothing.</summary>
public abstract class StepEditTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    private readonly ScriptedWriter _writer = new();

    protected override Action<IServiceCollection>? Services => _writer.Install;

    [Fact]
    public async Task An_edit_becomes_the_next_version_marked_edited_and_the_history_says_who_wrote_each()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var (offer, etag) = await ContentAsync(api, projectId, "offer");
        Assert.Equal("\"1\"", etag);

        var edited = Edit(offer, c =>
        {
            c["name"] = "The Desk Reset";
            c["features"]![0]!["title"] = "Ten-minute morning routine";
        });
        using var response = await PutAsync(api, projectId, "offer", edited, ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.Equal("edited", saved.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("writer").ValueKind);
        Assert.Equal("The Desk Reset", saved.GetProperty("content").GetProperty("name").GetString());

        var current = await api.StepAsync(projectId, "offer");
        Assert.Equal("Ten-minute morning routine", current.GetProperty("content").GetProperty("features")[0].GetProperty("title").GetString());
        Assert.Equal(offer.GetProperty("tagline").GetString(), current.GetProperty("content").GetProperty("tagline").GetString());
        var versions = await api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/offer/versions");
        Assert.Equal(["edited", "generated"], versions.EnumerateArray().Select(v => v.GetProperty("source").GetString()));
        Assert.Equal([true, false], versions.EnumerateArray().Select(v => v.GetProperty("isCurrent").GetBoolean()));
        Assert.StartsWith("offline:", versions[1].GetProperty("writer").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, versions[0].GetProperty("writer").ValueKind);
        Assert.Equal(JsonValueKind.Null, versions[1].GetProperty("instruction").ValueKind);
    }

    [Fact]
    public async Task Restoring_records_the_restored_source_and_keeps_who_wrote_it()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var (offer, _) = await ContentAsync(api, projectId, "offer");
        (await PutAsync(api, projectId, "offer", Edit(offer, c => c["name"] = "Renamed"))).EnsureSuccessStatusCode();

        var restore = await api.Http.PostAsync($"/api/projects/{projectId}/steps/offer/versions/1/restore", null);

        var restored = await restore.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, restored.GetProperty("version").GetInt32());
        Assert.Equal("restored", restored.GetProperty("source").GetString());
        Assert.Equal(1, restored.GetProperty("restoredFrom").GetInt32());
        Assert.StartsWith("offline:", restored.GetProperty("writer").GetString(), StringComparison.Ordinal);
        Assert.Equal(offer.GetProperty("name").GetString(), restored.GetProperty("content").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Saving_the_current_content_again_answers_the_current_version_and_adds_none()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var (deck, etag) = await ContentAsync(api, projectId, "deck-structure");
        var before = await DbFingerprint.TakeAsync(App);

        using var response = await PutAsync(api, projectId, "deck-structure", deck, ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(before, await DbFingerprint.TakeAsync(App));
    }

    [Fact]
    public async Task A_second_save_based_on_the_same_version_answers_412_and_changes_nothing()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var (offer, etag) = await ContentAsync(api, projectId, "offer");
        (await PutAsync(api, projectId, "offer", Edit(offer, c => c["tagline"] = "First tab"), ifMatch: etag)).EnsureSuccessStatusCode();

        var problem = await AssertRejectedAsync(
            () => PutAsync(api, projectId, "offer", Edit(offer, c => c["tagline"] = "Second tab"), ifMatch: etag), HttpStatusCode.PreconditionFailed);

        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Contains("version 2 is current", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("First tab", (await api.StepAsync(projectId, "offer")).GetProperty("content").GetProperty("tagline").GetString());
    }

    [Theory]
    [InlineData("*", HttpStatusCode.OK)]
    [InlineData("\"7\", \"1\"", HttpStatusCode.OK)]
    [InlineData("W/\"1\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"banana\"", HttpStatusCode.PreconditionFailed)]
    public async Task If_match_takes_any_listed_strong_tag_or_a_star(string ifMatch, HttpStatusCode expected)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var (offer, _) = await ContentAsync(api, projectId, "offer");

        using var response = await PutAsync(api, projectId, "offer", Edit(offer, c => c["name"] = "New name"), ifMatch: ifMatch);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"1")]
    [InlineData("\"1\" \"2\"")]
    [InlineData("W/")]
    [InlineData("version 1")]
    public async Task A_malformed_if_match_answers_400_naming_the_header(string ifMatch)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var (offer, _) = await ContentAsync(api, projectId, "offer");

        var problem = await AssertRejectedAsync(() => PutAsync(api, projectId, "offer", Edit(offer, c => c["name"] = "New name"), ifMatch: ifMatch), HttpStatusCode.BadRequest);

        Assert.Equal(["If-Match"], ErrorFields(problem));
    }

    public static TheoryData<string, string, string[]> BadEdits => new()
    {
        { "offer", "remove name", ["name"] },
        { "offer", "price text", ["price"] },
        { "offer", "price zero", ["price"] },
        { "offer", "pathway wrong", ["pathway"] },
        { "offer", "features seven", ["features"] },
        { "offer", "features two", ["features"] },
        { "offer", "feature title empty", ["features[1].title"] },
        { "offer", "feature is text", ["features[1]"] },
        { "offer", "name too long", ["name"] },
        { "offer", "name with NUL", ["name"] },
        { "offer", "name with line break", ["name"] },
        { "offer", "description too long", ["description"] },
        { "offer", "unknown field", ["nickname"] },
        { "offer", "several rules", ["bonuses[0].title", "price", "tagline"] },
        { "offer", "several shapes", ["features[0].title", "guarantee", "tagline"] },
        { "deck-structure", "slide gap", ["slides[5].slideNumber"] },
        { "deck-structure", "unknown section", ["slides[3].section"] },
        { "deck-structure", "slides thirty", ["slides"] },
        { "followup", "unknown segment", ["messages[0].segment"] },
        { "followup", "negative delay", ["messages[2].sendDelayHours"] },
        { "followup", "delay not whole", ["messages[2].sendDelayHours"] },
        { "registration", "four bullets", ["bulletPoints"] },
        { "registration", "empty bullet", ["bulletPoints[2]"] },
        { "marketing-profile", "short brand voice", ["brandVoice"] },
        { "marketing-profile", "empty word to avoid", ["toneSettings.wordsToAvoid[0]"] },
        { "watch", "takeaways not a list", ["keyTakeaways"] },
        { "enrollment", "section missing", ["problemSection"] },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public async Task An_invalid_edit_answers_400_with_each_fields_error_and_saves_nothing(string step, string mutation, string[] fields)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var (content, etag) = await ContentAsync(api, projectId, step);

        var problem = await AssertRejectedAsync(() => PutAsync(api, projectId, step, Edit(content, c => Mutate(c, mutation)), ifMatch: etag), HttpStatusCode.BadRequest);

        Assert.Equal(fields.Order(StringComparer.Ordinal), ErrorFields(problem).Order(StringComparer.Ordinal));
        Assert.All(problem.GetProperty("errors").EnumerateObject(), e => Assert.All(e.Value.EnumerateArray(), m => Assert.InRange(m.GetString()!.Length, 8, 300)));
        Assert.Equal(1, (await api.StepAsync(projectId, step)).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"content": null}""")]
    [InlineData("""{"content": []}""")]
    [InlineData("""{"content": "an offer"}""")]
    public async Task An_edit_without_a_content_object_answers_400_naming_content(string body)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);

        var problem = await AssertRejectedAsync(
            () => api.Http.PutAsync($"/api/projects/{projectId}/steps/offer", new StringContent(body, System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);

        Assert.Equal(["content"], ErrorFields(problem));
    }

    [Theory]
    [InlineData("""{"content": {"name": """)]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task An_edit_body_that_cannot_be_read_answers_400(string body)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);

        await AssertRejectedAsync(
            () => api.Http.PutAsync($"/api/projects/{projectId}/steps/offer", new StringContent(body, System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Editing_a_step_a_run_is_writing_answers_409_and_changes_nothing()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var (offer, etag) = await ContentAsync(api, projectId, "offer");
        var (followup, _) = await ContentAsync(api, projectId, "followup");
        _writer.Hold("offer");
        var started = await (await api.StartAsync(projectId, regenerate: true)).Content.ReadFromJsonAsync<Funnelcraft.Generation.Status.GenerationStatus>(ApiClient.Json);
        // The run is quiet: the deck and the watch page are written, every other step waits for the held offer.
        await App.WaitForAsync(projectId, s => s.RunId == started!.RunId
            && s.Progress.Where(p => p.Step is StepCatalog.Deck or StepCatalog.Watch).All(p => p.Status == "completed"));
        await _writer.Waiting("offer");

        var problem = await AssertRejectedAsync(() => PutAsync(api, projectId, "offer", Edit(offer, c => c["name"] = "Mine"), ifMatch: etag), HttpStatusCode.Conflict);
        var dependent = await AssertRejectedAsync(() => PutAsync(api, projectId, "followup", followup), HttpStatusCode.Conflict);

        Assert.Contains("being written", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("being written", dependent.GetProperty("detail").GetString(), StringComparison.Ordinal);
        _writer.Release("offer");
        await App.WaitForAsync(projectId, FunnelcraftApp.Finished);
        using var after = await PutAsync(api, projectId, "offer", Edit(offer, c => c["name"] = "Mine"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Edited_text_is_stored_as_sent_markup_included()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var (offer, _) = await ContentAsync(api, projectId, "offer");
        const string markup = "<script>alert(1)</script> & <b>bold</b>";

        (await PutAsync(api, projectId, "offer", Edit(offer, c => c["name"] = markup))).EnsureSuccessStatusCode();

        Assert.Equal(markup, (await api.StepAsync(projectId, "offer")).GetProperty("content").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Markup_saved_through_the_edit_API_is_exported_as_text_never_as_markup()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        const string script = "<script>alert(1)</script>";
        const string image = "<img src=x onerror=alert(2)>";
        var (registration, _) = await ContentAsync(api, projectId, "registration");
        (await PutAsync(api, projectId, "registration", Edit(registration, c =>
        {
            c["headline"] = script;
            c["bulletPoints"]![0] = image;
        }))).EnsureSuccessStatusCode();

        var html = await api.Http.GetStringAsync($"/api/projects/{projectId}/steps/registration/export?format=html");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src", html, StringComparison.Ordinal);
    }

    /// <summary>A project whose seven steps the offline writer has written (version 1 of each).</summary>
    private static async Task<Guid> GeneratedProjectAsync(ApiClient api)
    {
        var projectId = await api.ProjectWithIntakeAsync();
        var status = await api.GenerateAsync(projectId);
        Assert.Equal("completed", status.RunStatus);
        return projectId;
    }

    private static async Task<(JsonElement Content, string ETag)> ContentAsync(ApiClient api, Guid projectId, string step)
    {
        using var response = await api.Http.GetAsync($"/api/projects/{projectId}/steps/{step}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("content"), response.Headers.ETag!.Tag);
    }

    private static Task<HttpResponseMessage> PutAsync(ApiClient api, Guid projectId, string step, JsonElement content, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/projects/{projectId}/steps/{step}") { Content = JsonContent.Create(new { content }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return api.Http.SendAsync(request);
    }

    private static JsonElement Edit(JsonElement content, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(content.GetRawText())!.AsObject();
        change(node);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void Mutate(JsonObject c, string mutation)
    {
        switch (mutation)
        {
            case "remove name": c.Remove("name"); break;
            case "price text": c["price"] = "cheap"; break;
            case "price zero": c["price"] = 0; break;
            case "pathway wrong": c["pathway"] = c["pathway"]!.GetValue<string>() == "book_call" ? "direct_purchase" : "book_call"; break;
            case "features seven": Repeat(c["features"]!.AsArray(), 7); break;
            case "features two": Repeat(c["features"]!.AsArray(), 2); break;
            case "feature title empty": c["features"]![1]!["title"] = "  "; break;
            case "feature is text": c["features"]![1] = "just a title"; break;
            case "name too long": c["name"] = new string('n', ContentText.ShortMax + 1); break;
            case "name with NUL": c["name"] = "Desk\0Reset"; break;
            case "name with line break": c["name"] = "Desk\nReset"; break;
            case "description too long": c["description"] = new string('d', ContentText.LongMax + 1); break;
            case "unknown field": c["nickname"] = "Desky"; break;
            case "several rules":
                c["tagline"] = "";
                c["price"] = -5;
                c["bonuses"]![0]!["title"] = "";
                break;
            case "several shapes":
                c.Remove("tagline");
                c["guarantee"] = 30;
                c["features"]![0]!["title"] = 5;
                break;
            case "slide gap": c["slides"]![5]!["slideNumber"] = 7; break;
            case "unknown section": c["slides"]![3]!["section"] = "intermission"; break;
            case "slides thirty": Repeat(c["slides"]!.AsArray(), 30); break;
            case "unknown segment": c["messages"]![0]!["segment"] = "vip"; break;
            case "negative delay": c["messages"]![2]!["sendDelayHours"] = -1; break;
            case "delay not whole": c["messages"]![2]!["sendDelayHours"] = 1.5; break;
            case "four bullets": Repeat(c["bulletPoints"]!.AsArray(), 4); break;
            case "empty bullet": c["bulletPoints"]![2] = ""; break;
            case "short brand voice": c["brandVoice"] = "Warm, plain and direct."; break;
            case "empty word to avoid": c["toneSettings"]!["wordsToAvoid"]![0] = " "; break;
            case "takeaways not a list": c["keyTakeaways"] = "Sit less"; break;
            case "section missing": c["problemSection"] = null; break;
            default: throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null);
        }
    }

    /// <summary>Cuts <paramref name="list"/> to <paramref name="count"/> items, or repeats its first item up to it.</summary>
    private static void Repeat(JsonArray list, int count)
    {
        while (list.Count > count)
        {
            list.RemoveAt(list.Count - 1);
        }

        while (list.Count < count)
        {
            list.Add(list[0]!.DeepClone());
        }
    }
}

public sealed class StepEditTestsOnSqlite(PostgresCluster cluster) : StepEditTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class StepEditTestsOnPostgres(PostgresCluster cluster) : StepEditTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
