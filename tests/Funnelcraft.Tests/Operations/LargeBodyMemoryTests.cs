using System.Net;
using System.Net.Http.Headers;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Operations;

/// <summary>
/// Forty 25 MB bodies at once — half with a Content-Length, half chunked — to a route that takes 1 MB: each is refused
/// as it arrives, none is buffered, and the server's memory stays where it was (within 100 MB). Before the limits, the
/// same load took the server from 163 MB to 2.8 GB, for good. No timing is asserted: only memory and outcomes.
/// </summary>
public sealed class LargeBodyMemoryTests(PostgresCluster cluster, ITestOutputHelper output)
{
    private const long TwentyFiveMegabytes = 25L * 1024 * 1024;
    private const long Allowed = 100L * 1024 * 1024;

    [Fact]
    public async Task Forty_concurrent_25_MB_bodies_leave_the_working_set_within_100_MB_of_where_it_started()
    {
        using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, cluster);
        await using var app = await AppProcess.StartAsync(TransportTests.Environment(database));
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 100 }) { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(3) };
        var token = await TransportTests.SignUpAsync(client);

        // Warm up every path the load takes (JIT, pools), so that what is measured is what the bodies cost.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => SendAsync(client, token, chunked: i % 2 == 0)));
        var before = app.WorkingSetBytes;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SendAsync(client, token, chunked: i % 2 == 0)));
        var after = app.WorkingSetBytes;

        output.WriteLine($"working set: {before / 1024 / 1024} MB before, {after / 1024 / 1024} MB after 40 concurrent 25 MB bodies; outcomes: "
            + string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key} ×{g.Count()}")));
        Assert.All(outcomes, o => Assert.True(o is "413" or "connection cut", $"a 25 MB body got {o}"));
        Assert.True(after - before < Allowed, $"the working set grew by {(after - before) / 1024 / 1024} MB");
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(list)).StatusCode); // and it still serves
    }

    /// <summary>Sends one 25 MB body: "413", or "connection cut" when the server closed the connection before the client read its answer.</summary>
    private static async Task<string> SendAsync(HttpClient client, string token, bool chunked)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = new LargeJsonContent(TwentyFiveMegabytes, chunked) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException or System.Net.Sockets.SocketException || e.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError)
        {
            return "connection cut";
        }
    }
}
