using System.Diagnostics;
using System.Net;
using Funnelcraft.Accounts;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Generation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// Benchmark 2: requests/s of the status GET answered 304 (If-None-Match, from the in-memory snapshot) against, in the
/// same process and run, a bare minimal-API endpoint answering a constant JSON of the same size (anonymous, and with the
/// same bearer auth), the full 200 status, and the seed's way (a database read of project + latest run + steps, and the
/// status built, on every poll). The kinds take turns in shuffled rounds so that drift in the machine's load hits all.
/// </summary>
public static class StatusThroughput
{
    private sealed record Kind(string Name, string Path, bool Auth, bool IfNoneMatch, HttpStatusCode Expect);

    public static async Task<int> RunAsync(Options options)
    {
        var seconds = options.GetDouble("seconds", 2);
        var rounds = options.GetInt32("rounds", 9);
        var concurrency = options.GetInt32("concurrency", 32);
        await using var database = await BenchDatabase.CreateAsync(options.Get("db", "postgres"));
        var tracing = options.Get("tracing", "off");
        await using var app = BenchApp.Start(database, new Dictionary<string, string?> { [BenchApp.TracingSetting] = tracing });
        using var http = ApiClient.NewHttp(app.Address, maxConnections: concurrency); // the load: each request carries its own token, or none
        using var api = await new ApiClient(ApiClient.NewHttp(app.Address, maxConnections: 4)).SignUpAsync();
        var token = api.Token!;
        var projectId = await api.ProjectWithIntakeAsync();

        // A finished run, so the status has all seven steps (the realistic size).
        using (var subscription = app.Hub.Subscribe(projectId))
        using (var started = await api.StartAsync(projectId))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await subscription.Reader.ReadAsync(timeout.Token) is { } s && (s.RunStatus is null || RunStatus.IsActive(s.RunStatus)))
            {
            }
        }

        using var current = await api.Http.GetAsync(ApiClient.StatusPath(projectId));
        var body = await current.Content.ReadAsByteArrayAsync();
        var etag = current.Headers.ETag!.Tag;
        app.Services.GetRequiredService<BenchRoutes.BareBody>().Value = body;
        var protector = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).BearerTokenProtector;
        var decrypt = protector is CachedBearerTokenFormat cached ? cached.Inner : protector;
        Console.WriteLine($"bearer token check alone (one thread): decrypt {Stats.F(UnprotectMicroseconds(decrypt, token), "0.0")} µs, "
            + $"as the app does it ({(protector is CachedBearerTokenFormat ? "ticket cache" : "no cache")}) {Stats.F(UnprotectMicroseconds(protector, token), "0.00")} µs per request; tracing {tracing}");
        Console.WriteLine($"database: {database.Provider}; status body {body.Length} bytes, ETag {etag}; {concurrency} concurrent clients; {rounds} rounds × {seconds} s per kind");

        Kind[] kinds =
        [
            new("status 304 (If-None-Match)", ApiClient.StatusPath(projectId), true, true, HttpStatusCode.NotModified),
            new("bare endpoint, constant JSON", "/bench/bare", false, false, HttpStatusCode.OK),
            new("bare endpoint + bearer auth", "/bench/bare-auth", true, false, HttpStatusCode.OK),
            new("status 200 (full body)", ApiClient.StatusPath(projectId), true, false, HttpStatusCode.OK),
            new("seed: DB read per poll", $"/bench/seed-status?projectId={projectId}", true, false, HttpStatusCode.OK),
        ];

        foreach (var kind in kinds)
        {
            await LoadAsync(http, kind, token, etag, concurrency, TimeSpan.FromSeconds(1)); // warm-up (JIT, pools)
        }

        var results = kinds.ToDictionary(k => k.Name, _ => new List<double>());
        var errors = 0L;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var kind in kinds.OrderBy(_ => Random.Shared.Next()))
            {
                var (rps, failed) = await LoadAsync(http, kind, token, etag, concurrency, TimeSpan.FromSeconds(seconds));
                results[kind.Name].Add(rps);
                errors += failed;
            }
        }

        // Ratios per round (the kinds of one round ran within seconds of each other), then their median.
        double Ratio(int a, int b) => Stats.Median(Enumerable.Range(0, rounds).Select(r => results[kinds[a].Name][r] / results[kinds[b].Name][r]));
        Console.WriteLine($"| kind | req/s (median of {rounds} rounds) | min–max | vs bare (median of per-round ratios) |");
        Console.WriteLine("|---|---|---|---|");
        for (var k = 0; k < kinds.Length; k++)
        {
            var r = results[kinds[k].Name];
            Console.WriteLine($"| {kinds[k].Name} | {Stats.F(Stats.Median(r), "0")} | {Stats.F(r.Min(), "0")}–{Stats.F(r.Max(), "0")} | {Stats.F(Ratio(k, 1) * 100, "0")}% |");
        }

        Console.WriteLine($"status 304 / bare = {Stats.F(Ratio(0, 1) * 100, "0")}% (target ≥ 70%); status 304 / bare+auth = {Stats.F(Ratio(0, 2) * 100, "0")}%; "
            + $"status 304 / seed DB read = {Stats.F(Ratio(0, 4), "0.0")}×; status 200 / seed DB read = {Stats.F(Ratio(3, 4), "0.0")}×; errors: {errors}");
        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// What opening the bearer token costs per request: the data-protection decrypt and deserialization alone, or the
    /// Identity bearer scheme's format as configured (with the app's ticket cache in front, a repeated token is a hit).
    /// </summary>
    private static double UnprotectMicroseconds(ISecureDataFormat<AuthenticationTicket> protector, string token)
    {
        for (var i = 0; i < 1000; i++)
        {
            _ = protector.Unprotect(token);
        }

        const int n = 20000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            _ = protector.Unprotect(token) ?? throw new InvalidOperationException("The token did not unprotect.");
        }

        return clock.Elapsed.TotalMicroseconds / n;
    }

    private static async Task<(double Rps, long Errors)> LoadAsync(HttpClient http, Kind kind, string token, string etag, int concurrency, TimeSpan duration)
    {
        long done = 0;
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var buffer = new byte[16 * 1024];
            while (clock.Elapsed < duration)
            {
                using var request = kind.Auth ? ApiClient.Request(HttpMethod.Get, kind.Path, token) : new HttpRequestMessage(HttpMethod.Get, kind.Path);
                if (kind.IfNoneMatch)
                {
                    request.Headers.TryAddWithoutValidation(HeaderNames.IfNoneMatch, etag);
                }

                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var stream = await response.Content.ReadAsStreamAsync();
                    while (await stream.ReadAsync(buffer) > 0)
                    {
                    }

                    if (response.StatusCode == kind.Expect)
                    {
                        Interlocked.Increment(ref done);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        return (done / clock.Elapsed.TotalSeconds, errors);
    }
}
