using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Accounts;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Funnelcraft.Tests.Accounts;

/// <summary>
/// The bearer-token cache in the real app: the Identity bearer scheme's own token format, counted underneath the cache,
/// so a test sees how often a token is really decrypted.
/// </summary>
public sealed class BearerTokenCacheApiTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_signed_in_client_is_authenticated_on_every_request_with_one_decrypt()
    {
        var (app, counting) = await StartAsync();
        await using var _ = app;
        using var client = await app.Client().SignUpAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/projects")).StatusCode);
        }

        Assert.Equal(1, counting().Unprotects);
        Assert.True(app.Services.GetRequiredService<BearerTicketCache>().Count >= 1);
    }

    [Fact]
    public async Task Two_users_each_see_their_own_projects_through_the_cache()
    {
        var (app, counting) = await StartAsync();
        await using var _ = app;
        using var alice = await app.Client().SignUpAsync();
        using var bob = await app.Client().SignUpAsync();
        var aliceProject = await alice.CreateProjectAsync("Alice's");
        var bobProject = await bob.CreateProjectAsync("Bob's");

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal([aliceProject], await ProjectIdsAsync(alice));
            Assert.Equal([bobProject], await ProjectIdsAsync(bob));
        }

        Assert.Equal(2, counting().Unprotects);
    }

    [Fact]
    public async Task An_expired_token_answers_401_even_while_its_ticket_is_cached()
    {
        var handlerClock = new FakeTimeProvider(DateTimeOffset.UtcNow); // the bearer handler's clock only; the cache keeps the real one
        var (app, counting) = await StartAsync(services =>
            services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.TimeProvider = handlerClock));
        await using var _ = app;
        using var client = await app.Client().SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/projects")).StatusCode);
        handlerClock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/projects")).StatusCode);

        handlerClock.Advance(TimeSpan.FromSeconds(1)); // the token's one hour is up

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/projects")).StatusCode);
        Assert.Equal(1, counting().Unprotects); // refused on the cached ticket, not on a fresh decrypt
    }

    [Fact]
    public async Task A_tampered_or_unknown_token_answers_401_every_time()
    {
        var (app, counting) = await StartAsync();
        await using var _ = app;
        using var client = await app.Client().SignUpAsync();
        var token = client.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/projects")).StatusCode);
        using var intruder = app.CreateClient();

        foreach (var bad in new[] { BearerTicketCacheTests.Tamper(token), BearerTicketCacheTests.Tamper(token), token + "x", "not-a-token" })
        {
            intruder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bad);
            Assert.Equal(HttpStatusCode.Unauthorized, (await intruder.GetAsync("/api/projects")).StatusCode);
        }

        Assert.Equal(5, counting().Unprotects); // the good token once; each bad one is decrypted (and refused) afresh
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task Only_the_access_token_format_is_cached_and_refresh_still_works()
    {
        var (app, counting) = await StartAsync();
        await using var _ = app;
        var options = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var email = $"user-{Guid.NewGuid():N}@example.com";
        using var http = app.CreateClient();
        (await http.PostAsJsonAsync("/api/auth/register", new { email, password = "Passw0rd!x" })).EnsureSuccessStatusCode();
        var login = await (await http.PostAsJsonAsync("/api/auth/login", new { email, password = "Passw0rd!x" })).Content.ReadFromJsonAsync<JsonElement>();

        var refreshed = await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        refreshed.EnsureSuccessStatusCode();
        var token = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/projects")).StatusCode);
        Assert.Same(counting(), Assert.IsType<CachedBearerTokenFormat>(options.BearerTokenProtector).Inner);
        Assert.IsType<TicketDataFormat>(options.RefreshTokenProtector);
    }

    [Fact]
    public async Task A_cache_size_of_zero_turns_the_cache_off()
    {
        var (app, counting) = await StartAsync(settings: new Dictionary<string, string?> { ["Accounts:BearerCacheSize"] = "0" });
        await using var _ = app;
        using var client = await app.Client().SignUpAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/projects")).StatusCode);
        }

        Assert.Equal(3, counting().Unprotects);
        var options = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        Assert.IsNotType<CachedBearerTokenFormat>(options.BearerTokenProtector);
    }

    /// <summary>The app with a counter under the cache: it wraps the format Identity configured, before the cache wraps it.</summary>
    private async Task<(FunnelcraftApp App, Func<CountingTicketFormat> Counting)> StartAsync(
        Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        CountingTicketFormat? counting = null;
        var app = await FunnelcraftApp.StartAsync(DatabaseKind.Sqlite, cluster, settings, s =>
        {
            s.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenProtector = counting = new CountingTicketFormat(o.BearerTokenProtector));
            services?.Invoke(s);
        });
        return (app, () => counting ?? throw new InvalidOperationException("The bearer options were never configured."));
    }

    private static async Task<List<Guid>> ProjectIdsAsync(ApiClient client)
    {
        var projects = await client.Http.GetFromJsonAsync<JsonElement>("/api/projects");
        return [.. projects.EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];
    }
}
