using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Funnelcraft.Exports;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using MimeKit;

namespace Funnelcraft.Tests.Exports;

/// <summary>The export routes on a generated funnel: every format of every step, names from the project, versions, the ZIP.</summary>
public abstract class ExportApiTests(PostgresCluster cluster) : ExportTestBase(cluster)
{
    [Fact]
    public async Task Every_step_exports_in_each_of_its_formats_named_after_the_project_and_nothing_is_stored()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await api.GenerateAsync(projectId);
        var before = await DbFingerprint.TakeAsync(App);

        foreach (var step in StepCatalog.All)
        {
            foreach (var format in ExportFormats.For(step.Number))
            {
                var url = $"/api/projects/{projectId}/steps/{step.Key}/export?format={format.Key}";
                using var response = await api.Http.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var isEmails = format == ExportFormat.Email;
                var extension = isEmails ? "zip" : format.Extension;
                Assert.Equal(isEmails ? ExportFormat.ZipContentType : format.ContentType.Split(';')[0], response.Content.Headers.ContentType!.MediaType);
                var expectedName = $"spring-launch-{ExportFormats.BaseName(step)}{(isEmails ? "-emails" : "")}.{extension}";
                Assert.Equal(expectedName, response.Content.Headers.ContentDisposition!.FileName);
                Assert.Null(response.Content.Headers.ContentDisposition.FileNameStar);
                var body = await response.Content.ReadAsByteArrayAsync();
                await AssertReadableAsync(api, projectId, step, format, body);
            }
        }

        Assert.Equal(before, await DbFingerprint.TakeAsync(App));
    }

    [Fact]
    public async Task Without_a_format_a_step_exports_in_its_main_one()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await api.GenerateAsync(projectId);

        foreach (var step in StepCatalog.All)
        {
            using var response = await api.Http.GetAsync($"/api/projects/{projectId}/steps/{step.Number}/export");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.EndsWith("." + ExportFormats.Primary(step.Number).Extension, response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_funnel_zip_holds_every_steps_main_file_one_message_per_email_and_funnel_json()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await api.GenerateAsync(projectId);
        var followup = await api.StepAsync(projectId, "followup");
        var emails = followup.GetProperty("content").GetProperty("messages").EnumerateArray()
            .Select(m => $"followup/{m.GetProperty("messageOrder").GetInt32():00}-{ExportFileNames.Slug(m.GetProperty("name").GetString())}.eml")
            .ToList();

        var bytes = await DownloadAsync(api, $"/api/projects/{projectId}/export", ExportFormat.ZipContentType);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal(
            new[] { "offer.md", "deck.pptx", "enrollment.html", "watch.html", "registration.html", "followup.csv", "marketing-profile.md", ExportFiles.FunnelJson }.Concat(emails).Order(),
            zip.Entries.Select(e => e.FullName).Order());
        using var funnel = JsonDocument.Parse(await ReadAsync(zip.GetEntry(ExportFiles.FunnelJson)!));
        Assert.Equal("Spring launch", funnel.RootElement.GetProperty("project").GetProperty("name").GetString());
        var steps = funnel.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(StepCatalog.Numbers, steps.Select(s => s.GetProperty("step").GetInt32()));
        foreach (var step in steps)
        {
            var current = await api.StepAsync(projectId, step.GetProperty("stepKey").GetString()!);
            Assert.Equal(current.GetProperty("version").GetInt32(), step.GetProperty("version").GetInt32());
            Assert.True(JsonElement.DeepEquals(current.GetProperty("content"), step.GetProperty("content")));
        }

        using var deck = PresentationDocument.Open(new MemoryStream(await ReadAsync(zip.GetEntry("deck.pptx")!)), isEditable: false);
        Assert.Equal(61, DeckPresentationTests.Slides(deck).Count);
        Assert.Equal("attachment", (await api.Http.GetAsync($"/api/projects/{projectId}/export")).Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task Version_n_exports_that_version_and_says_so_in_the_file_name()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();
        await SeedAsync(projectId, ExportSamples.Offer("First offer"));
        await SeedAsync(projectId, ExportSamples.Offer("Second offer"));

        using var first = await api.Http.GetAsync($"/api/projects/{projectId}/steps/offer/export?format=md&version=1");
        using var current = await api.Http.GetAsync($"/api/projects/{projectId}/steps/offer/export?format=md");
        using var json = await api.Http.GetAsync($"/api/projects/{projectId}/steps/offer/export?format=json&version=1");

        Assert.Equal("spring-launch-offer-v1.md", first.Content.Headers.ContentDisposition!.FileName);
        Assert.StartsWith("# First offer\n", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("# Second offer\n", await current.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal(1, document.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(2, document.RootElement.GetProperty("versionCount").GetInt32());
        Assert.Equal("First offer", document.RootElement.GetProperty("content").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_name_in_other_scripts_keeps_its_letters_in_filename_star_and_falls_back_to_ascii_in_filename()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync("Café Ünal: \"שלום\" / <launch>\u202E");
        await SeedAsync(projectId, ExportSamples.Offer());
        var hebrew = await api.CreateProjectAsync("שלום עולם");
        await SeedAsync(hebrew, ExportSamples.Offer());

        using var response = await api.Http.GetAsync($"/api/projects/{projectId}/steps/offer/export");
        using var onlyHebrew = await api.Http.GetAsync($"/api/projects/{hebrew}/export");

        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("cafe-unal-launch-offer.md", disposition.FileName);
        Assert.Equal("café-ünal-שלום-launch-offer.md", disposition.FileNameStar);
        Assert.Equal("funnel-funnel.zip", onlyHebrew.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("שלום-עולם-funnel.zip", onlyHebrew.Content.Headers.ContentDisposition!.FileNameStar);
        var raw = string.Join(",", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.StartsWith("attachment; filename=cafe-unal-launch-offer.md; filename*=UTF-8''caf%C3%A9-%C3%BCnal-", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_email_exports_as_a_message_with_message_n()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();
        var followup = ExportSamples.Followup();
        await SeedAsync(projectId, followup);

        using var response = await api.Http.GetAsync($"/api/projects/{projectId}/steps/followup/export?format=eml&message=3");

        Assert.Equal("message/rfc822", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("spring-launch-followup-03-message-3.eml", response.Content.Headers.ContentDisposition!.FileName);
        using var message = await MimeMessage.LoadAsync(await response.Content.ReadAsStreamAsync());
        Assert.Equal(followup.Messages[2].SubjectLine, message.Subject);
        Assert.Equal(api.Email, message.From.Mailboxes.Single().Address);
        Assert.Equal(followup.Messages[2].Segment, message.Headers["X-Funnelcraft-Segment"]);
    }

    private static async Task AssertReadableAsync(ApiClient api, Guid projectId, StepDefinition step, ExportFormat format, byte[] body)
    {
        Assert.NotEmpty(body);
        switch (format.Key)
        {
            case "pptx":
                using (var deck = PresentationDocument.Open(new MemoryStream(body), isEditable: false))
                {
                    Assert.Equal(61, DeckPresentationTests.Slides(deck).Count);
                }

                break;
            case "json":
                var current = await api.StepAsync(projectId, step.Key);
                using (var document = JsonDocument.Parse(body))
                {
                    Assert.True(JsonElement.DeepEquals(current.GetProperty("content"), document.RootElement.GetProperty("content")));
                    Assert.Equal(current.GetProperty("version").GetInt32(), document.RootElement.GetProperty("version").GetInt32());
                }

                break;
            case "html":
                var html = Encoding.UTF8.GetString(body);
                Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
                Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
                break;
            case "eml":
                using (var zip = new ZipArchive(new MemoryStream(body)))
                {
                    Assert.Equal(5, zip.Entries.Count);
                    Assert.All(zip.Entries, e => Assert.EndsWith(".eml", e.FullName, StringComparison.Ordinal));
                }

                break;
            case "csv":
                Assert.Equal(6, Encoding.UTF8.GetString(body).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
                break;
            case "md":
                Assert.StartsWith("# ", Encoding.UTF8.GetString(body).TrimStart('\uFEFF'), StringComparison.Ordinal);
                break;
            default:
                Assert.Fail($"No check for {format.Key}");
                break;
        }
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry)
    {
        await using var stream = await entry.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

public sealed class ExportApiTestsOnSqlite(PostgresCluster cluster) : ExportApiTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class ExportApiTestsOnPostgres(PostgresCluster cluster) : ExportApiTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
