using System.Text.Json;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Exports;

/// <summary>A fresh app per test on the database a subclass picks, with helpers to seed content and download exports.</summary>
public abstract class ExportTestBase(PostgresCluster cluster) : IAsyncLifetime
{
    protected abstract DatabaseKind Kind { get; }

    protected FunnelcraftApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (Kind == DatabaseKind.Postgres)
        {
            cluster.EnsureAvailable();
        }

        App = await FunnelcraftApp.StartAsync(Kind, cluster);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Adds the next version of a step's content straight to the database.</summary>
    protected async Task<int> SeedAsync(Guid projectId, IStepContent content)
    {
        var step = StepCatalog.All.Single(s => s.ContentType == content.GetType()).Number;
        await using var db = App.NewDbContext();
        var version = db.ContentVersions.Where(c => c.ProjectId == projectId && c.Step == step).Select(c => (int?)c.Version).Max() ?? 0;
        db.ContentVersions.Add(new ContentVersion
        {
            ProjectId = projectId,
            Step = step,
            Version = version + 1,
            GeneratedAt = DateTimeOffset.UtcNow,
            Content = JsonSerializer.Serialize(content, content.GetType(), ContentJson.Options),
        });
        await db.SaveChangesAsync();
        return version + 1;
    }

    protected static async Task<byte[]> DownloadAsync(ApiClient api, string url, string contentType)
    {
        using var response = await api.Http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
