using System.Net;
using System.Text.Json;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Api;

/// <summary>
/// A fresh app per test, on the database a subclass picks, with helpers that send a bad request and check that it
/// answers a readable problem details and leaves the database as it was.
/// </summary>
public abstract class BadInputTestBase(PostgresCluster cluster) : IAsyncLifetime
{
    protected abstract DatabaseKind Kind { get; }

    protected FunnelcraftApp App { get; private set; } = null!;

    /// <summary>Service overrides for the app (a scripted writer, say).</summary>
    protected virtual Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? Services => null;

    protected PostgresCluster Cluster => cluster;

    public async ValueTask InitializeAsync()
    {
        if (Kind == DatabaseKind.Postgres)
        {
            cluster.EnsureAvailable();
        }

        App = await FunnelcraftApp.StartAsync(Kind, cluster, services: Services);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>
    /// Sends a request that must be refused: asserts the problem details with <paramref name="status"/>, a body that names
    /// none of the server's types, and an unchanged database. Returns the problem body.
    /// </summary>
    protected async Task<JsonElement> AssertRejectedAsync(Func<Task<HttpResponseMessage>> send, params HttpStatusCode[] status)
    {
        var before = await DbFingerprint.TakeAsync(App);

        using var response = await send();

        Assert.True(status.Contains(response.StatusCode), $"Expected {string.Join(" or ", status)} but got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var problem = await ProblemAssert.IsProblemAsync(response, response.StatusCode);
        AssertReadable(problem);
        Assert.Equal(before, await DbFingerprint.TakeAsync(App));
        return problem;
    }

    /// <summary>The problem names no server type and, when it has a detail, says something a person can read.</summary>
    protected static void AssertReadable(JsonElement problem)
    {
        var raw = problem.GetRawText();
        Assert.DoesNotContain("Funnelcraft.", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("parameter \\\"", raw, StringComparison.Ordinal); // the binder's "parameter \"StartRequest request\""
        Assert.DoesNotContain("Guid ", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Service", raw, StringComparison.Ordinal); // "Did you mean to use a Service instead?"
        Assert.DoesNotContain("   at ", raw, StringComparison.Ordinal); // no stack trace
        if (problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
        {
            Assert.InRange(detail.GetString()!.Length, 10, 500);
        }
    }

    /// <summary>The field names a validation problem lists under <c>errors</c>.</summary>
    protected static IReadOnlyList<string> ErrorFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];

    /// <summary>Adds a version of a step's content straight to the database, since the tests do not depend on generation.</summary>
    protected async Task SeedContentAsync(Guid projectId, int step = StepCatalog.Offer)
    {
        await using var db = App.NewDbContext();
        db.ContentVersions.Add(new ContentVersion
        {
            ProjectId = projectId,
            Step = step,
            Version = 1,
            GeneratedAt = DateTimeOffset.UtcNow,
            Content = """{"headline":"Seeded content"}""",
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Adds version 1 of a step's content from its record.</summary>
    protected async Task SeedContentAsync(Guid projectId, int step, IStepContent content)
    {
        await using var db = App.NewDbContext();
        db.ContentVersions.Add(new ContentVersion
        {
            ProjectId = projectId,
            Step = step,
            Version = 1,
            GeneratedAt = DateTimeOffset.UtcNow,
            Content = JsonSerializer.Serialize(content, content.GetType(), ContentJson.Options),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>The message the API gives for a step that does not exist lists every valid step.</summary>
    protected static void AssertListsValidSteps(JsonElement problem)
    {
        var message = string.Join(" ", problem.GetProperty("errors").GetProperty("step").EnumerateArray().Select(e => e.GetString()));
        foreach (var step in StepCatalog.All)
        {
            Assert.Contains($"{step.Number} ({step.Key})", message, StringComparison.Ordinal);
        }
    }
}
