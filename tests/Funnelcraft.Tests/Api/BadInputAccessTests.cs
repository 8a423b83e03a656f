using System.Net;
using System.Net.Http.Headers;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Api;

/// <summary>No auth answers 401 everywhere; another user's project answers 404, exactly like a missing one, and changes nothing.</summary>
public abstract class BadInputAccessTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    [Theory]
    [MemberData(nameof(ApiRoutes.Every), MemberType = typeof(ApiRoutes))]
    public async Task Every_api_route_answers_401_without_auth_or_with_a_bad_token(string method, string route)
    {
        using var anonymous = App.CreateClient();
        using var owner = await App.Client().SignUpAsync();
        var projectId = await owner.ProjectWithIntakeAsync();

        await AssertRejectedAsync(() => anonymous.SendAsync(ApiRoutes.Request(method, route, projectId)), HttpStatusCode.Unauthorized);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await AssertRejectedAsync(() => anonymous.SendAsync(ApiRoutes.Request(method, route, projectId)), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(ApiRoutes.EveryProjectScoped), MemberType = typeof(ApiRoutes))]
    public async Task Another_users_project_answers_404_like_a_missing_one_and_changes_nothing(string method, string route)
    {
        using var owner = await App.Client().SignUpAsync();
        var projectId = await owner.ProjectWithIntakeAsync();
        await SeedContentAsync(projectId);
        using var intruder = await App.Client().SignUpAsync();
        await intruder.ProjectWithIntakeAsync();

        var foreign = await AssertRejectedAsync(() => intruder.Http.SendAsync(ApiRoutes.Request(method, route, projectId)), HttpStatusCode.NotFound);
        var unknownId = Guid.NewGuid();
        var missing = await AssertRejectedAsync(() => intruder.Http.SendAsync(ApiRoutes.Request(method, route, unknownId)), HttpStatusCode.NotFound);

        Assert.Equal("Project not found", foreign.GetProperty("title").GetString());
        Assert.Equal(missing.GetProperty("title").GetString(), foreign.GetProperty("title").GetString());
        Assert.Equal(
            missing.GetProperty("detail").GetString()!.Replace(unknownId.ToString(), "", StringComparison.Ordinal),
            foreign.GetProperty("detail").GetString()!.Replace(projectId.ToString(), "", StringComparison.Ordinal));
    }
}

public sealed class BadInputAccessTestsOnSqlite(PostgresCluster cluster) : BadInputAccessTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class BadInputAccessTestsOnPostgres(PostgresCluster cluster) : BadInputAccessTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
