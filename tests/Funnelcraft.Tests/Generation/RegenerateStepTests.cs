using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Api;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Generation;

/// <summary>
/// <c>POST /api/generate/regenerate-step</c> (one step again, with an instruction, optionally with its dependents) and
/// "keep my edits" on regenerate-all: what each run writes, what it keeps, and bad input changing nothing.
/// </summary>
public abstract class RegenerateStepTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    private const string Instruction = "Mention the guarantee first";

    private readonly ScriptedWriter _writer = new();

    protected override Action<IServiceCollection>? Services => _writer.Install;

    [Fact]
    public async Task Regenerating_a_step_with_an_instruction_writes_that_step_alone_with_the_instruction_in_its_prompt_and_on_its_version()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var before = await api.StatusAsync(projectId);

        using var response = await api.RegenerateStepAsync(projectId, StepCatalog.Deck, $"  {Instruction}  ");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(ApiClient.StatusPath(projectId), response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var started = (await response.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        Assert.NotEqual(before.RunId, started.RunId);
        var done = await App.WaitForAsync(projectId, s => s.RunId == started.RunId && FunnelcraftApp.Finished(s));

        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.Equal(before.RegenerationCount + 1, done.RegenerationCount);
        Assert.All(done.Progress, p => Assert.Equal(StepStatus.Completed, p.Status));
        Assert.All(done.Progress.Where(p => p.Step != StepCatalog.Deck), p => Assert.Equal(RunScope.ExistingContentKept, p.Detail));
        Assert.Contains(Instruction, _writer.LastPrompt["deck_outline"], StringComparison.Ordinal);
        Assert.Contains(Instruction, _writer.LastPrompt["deck_structure"], StringComparison.Ordinal);

        var deck = await api.StepAsync(projectId, "deck-structure");
        Assert.Equal(2, deck.GetProperty("version").GetInt32());
        Assert.Equal("generated", deck.GetProperty("source").GetString());
        Assert.Equal(Instruction, deck.GetProperty("instruction").GetString());
        Assert.Equal(started.RunId, deck.GetProperty("runId").GetGuid());
        // The offline writer notes what templates cannot follow on the deck's first slide.
        Assert.Contains(Instruction, deck.GetProperty("content").GetProperty("slides")[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        var history = await api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/deck-structure/versions");
        Assert.Equal([Instruction, null], history.EnumerateArray().Select(v => v.GetProperty("instruction").GetString()));
        foreach (var other in StepCatalog.All.Where(s => s.Number != StepCatalog.Deck))
        {
            Assert.Equal(1, (await api.StepAsync(projectId, other.Key)).GetProperty("version").GetInt32());
        }
    }

    [Fact]
    public async Task With_dependents_the_steps_written_from_it_are_written_again_without_the_instruction()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);

        var done = await api.RegenerateAsync(projectId, StepCatalog.Deck, "shorter", withDependents: true);

        Assert.Equal(RunStatus.Completed, done.RunStatus);
        int[] rewritten = [StepCatalog.Deck, StepCatalog.Enrollment, StepCatalog.Watch, StepCatalog.Registration];
        foreach (var step in StepCatalog.All)
        {
            var content = await api.StepAsync(projectId, step.Key);
            var again = rewritten.Contains(step.Number);
            Assert.Equal(again ? 2 : 1, content.GetProperty("version").GetInt32());
            Assert.Equal(step.Number == StepCatalog.Deck ? "shorter" : null, content.GetProperty("instruction").GetString());
            Assert.Equal(again ? null : RunScope.ExistingContentKept, done.Progress.Single(p => p.Step == step.Number).Detail);
        }

        Assert.DoesNotContain("shorter", _writer.LastPrompt["watch"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regenerate_all_keeps_the_users_edits_and_writes_their_dependents_from_the_edit()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        await EditAsync(api, projectId, "offer", c => c["name"] = "The Desk Reset");

        var done = await api.GenerateAsync(projectId, regenerate: true);

        Assert.Equal(RunStatus.Completed, done.RunStatus);
        var offerRow = done.Progress.Single(p => p.Step == StepCatalog.Offer);
        Assert.Equal((StepStatus.Completed, RunScope.YourEditsKept), (offerRow.Status, offerRow.Detail));
        Assert.All(done.Progress.Where(p => p.Step != StepCatalog.Offer), p => Assert.Null(p.Detail));
        var offer = await api.StepAsync(projectId, "offer");
        Assert.Equal((2, "edited"), (offer.GetProperty("version").GetInt32(), offer.GetProperty("source").GetString()));
        var followup = await api.StepAsync(projectId, "followup");
        Assert.Equal(2, followup.GetProperty("version").GetInt32());
        Assert.Contains("The Desk Reset", followup.GetProperty("content").GetRawText(), StringComparison.Ordinal);

        var overwritten = await StartAndWaitAsync(api, projectId, overwriteEdits: true);

        Assert.All(overwritten.Progress, p => Assert.Null(p.Detail));
        offer = await api.StepAsync(projectId, "offer");
        Assert.Equal((3, "generated"), (offer.GetProperty("version").GetInt32(), offer.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task A_restored_copy_of_an_edit_is_kept_like_the_edit_and_a_restored_generated_version_is_not()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        await EditAsync(api, projectId, "offer", c => c["name"] = "Mine");
        await EditAsync(api, projectId, "watch", c => c["headline"] = "Watch this");
        (await api.Http.PostAsync($"/api/projects/{projectId}/steps/watch/versions/1/restore", null)).EnsureSuccessStatusCode(); // watch v3 = generated v1
        await api.GenerateAsync(projectId, regenerate: true); // offer kept (v2), watch v4 generated
        (await api.Http.PostAsync($"/api/projects/{projectId}/steps/offer/versions/2/restore", null)).EnsureSuccessStatusCode(); // offer v3 = the edit

        var done = await api.GenerateAsync(projectId, regenerate: true);

        Assert.Equal(RunScope.YourEditsKept, done.Progress.Single(p => p.Step == StepCatalog.Offer).Detail);
        Assert.Null(done.Progress.Single(p => p.Step == StepCatalog.Watch).Detail);
        Assert.Equal(3, (await api.StepAsync(projectId, "offer")).GetProperty("version").GetInt32());
        Assert.Equal(5, (await api.StepAsync(projectId, "watch")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_step_asked_for_is_rewritten_even_when_edited_and_an_edited_dependent_only_with_overwrite_edits()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        await EditAsync(api, projectId, "deck-structure", c => c["title"] = "My own deck");
        await EditAsync(api, projectId, "watch", c => c["headline"] = "My own headline");

        var kept = await api.RegenerateAsync(projectId, StepCatalog.Deck, withDependents: true);

        Assert.Null(kept.Progress.Single(p => p.Step == StepCatalog.Deck).Detail);
        Assert.Equal(RunScope.YourEditsKept, kept.Progress.Single(p => p.Step == StepCatalog.Watch).Detail);
        Assert.Equal(3, (await api.StepAsync(projectId, "deck-structure")).GetProperty("version").GetInt32());
        Assert.Equal("My own headline", (await api.StepAsync(projectId, "watch")).GetProperty("content").GetProperty("headline").GetString());

        var overwritten = await api.RegenerateAsync(projectId, StepCatalog.Deck, withDependents: true, overwriteEdits: true);

        Assert.Null(overwritten.Progress.Single(p => p.Step == StepCatalog.Watch).Detail);
        var watch = await api.StepAsync(projectId, "watch");
        Assert.Equal((3, "generated"), (watch.GetProperty("version").GetInt32(), watch.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task An_instruction_of_exactly_1000_characters_is_taken()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var instruction = new string('a', 999) + "z";

        await api.RegenerateAsync(projectId, StepCatalog.Offer, instruction);

        Assert.Equal(instruction, (await api.StepAsync(projectId, "offer")).GetProperty("instruction").GetString());
    }

    [Theory]
    [InlineData("too long", "instruction")]
    [InlineData("NUL", "instruction")]
    [InlineData("control character", "instruction")]
    [InlineData("unknown step", "step")]
    [InlineData("no step", "step")]
    [InlineData("no project", "projectId")]
    public async Task Bad_input_answers_400_naming_the_field_and_changes_nothing(string mutation, string field)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        var body = new JsonObject { ["projectId"] = projectId.ToString(), ["step"] = StepCatalog.Offer, ["instruction"] = "shorter" };
        switch (mutation)
        {
            case "too long": body["instruction"] = new string('a', 1001); break;
            case "NUL": body["instruction"] = "short\0er"; break;
            case "control character": body["instruction"] = "short\u0007er"; break;
            case "unknown step": body["step"] = 4; break;
            case "no step": body.Remove("step"); break;
            case "no project": body.Remove("projectId"); break;
        }

        var problem = await AssertRejectedAsync(() => api.Http.PostAsJsonAsync("/api/generate/regenerate-step", body), HttpStatusCode.BadRequest);

        Assert.Contains(field, ErrorFields(problem));
        if (mutation == "too long")
        {
            Assert.Contains("1,000", problem.GetProperty("errors").GetProperty("instruction")[0].GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_step_without_content_answers_404_and_changes_nothing()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedContentAsync(projectId, StepCatalog.Offer);

        var problem = await AssertRejectedAsync(() => api.RegenerateStepAsync(projectId, StepCatalog.Deck, "shorter"), HttpStatusCode.NotFound);

        Assert.Contains("Deck Structure has no content yet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task During_a_run_it_answers_409_with_the_running_status_and_changes_nothing()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(api);
        _writer.Hold("offer");
        using var start = await api.StartAsync(projectId, regenerate: true);
        var runId = (await start.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!.RunId;
        await _writer.Waiting("offer");
        // Quiet: every step that does not wait for the held offer is written.
        await App.WaitForAsync(projectId, s => s.RunId == runId
            && s.Progress.Where(p => p.Step is StepCatalog.Deck or StepCatalog.Watch).All(p => p.Status == StepStatus.Completed));

        var problem = await AssertRejectedAsync(() => api.RegenerateStepAsync(projectId, StepCatalog.Deck, "shorter"), HttpStatusCode.Conflict);

        Assert.Equal(runId, problem.GetProperty("runId").GetGuid());
        _writer.Release("offer");
        await App.WaitForAsync(projectId, s => s.RunId == runId && FunnelcraftApp.Finished(s));
    }

    [Fact]
    public async Task Another_users_project_answers_404_and_changes_nothing()
    {
        using var owner = await App.Client().SignUpAsync();
        var projectId = await GeneratedProjectAsync(owner);
        using var stranger = await App.Client().SignUpAsync();

        await AssertRejectedAsync(() => stranger.RegenerateStepAsync(projectId, StepCatalog.Offer, "shorter"), HttpStatusCode.NotFound);
    }

    /// <summary>A project whose seven steps the offline writer has written (version 1 of each).</summary>
    private static async Task<Guid> GeneratedProjectAsync(ApiClient api)
    {
        var projectId = await api.ProjectWithIntakeAsync();
        Assert.Equal(RunStatus.Completed, (await api.GenerateAsync(projectId)).RunStatus);
        return projectId;
    }

    private async Task<GenerationStatus> StartAndWaitAsync(ApiClient api, Guid projectId, bool overwriteEdits)
    {
        using var response = await api.StartAsync(projectId, regenerate: true, overwriteEdits: overwriteEdits);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!.RunId;
        return await App.WaitForAsync(projectId, s => s.RunId == runId && FunnelcraftApp.Finished(s));
    }

    private static async Task EditAsync(ApiClient api, Guid projectId, string step, Action<JsonObject> change)
    {
        var content = JsonNode.Parse((await api.StepAsync(projectId, step)).GetProperty("content").GetRawText())!.AsObject();
        change(content);
        using var response = await api.Http.PutAsJsonAsync($"/api/projects/{projectId}/steps/{step}", new { content });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class RegenerateStepTestsOnSqlite(PostgresCluster cluster) : RegenerateStepTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class RegenerateStepTestsOnPostgres(PostgresCluster cluster) : RegenerateStepTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
