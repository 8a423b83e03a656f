using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Operations;

/// <summary>
/// The real server (Kestrel, as a separate process): no <c>Server</c> header; <c>X-Forwarded-For</c> believed only from
/// configured proxies, so a client cannot pick the address limits count it by; a chunked body over the limit refused
/// as it arrives.
/// </summary>
public sealed class TransportTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Forwarded_headers_are_believed_only_from_configured_proxies_and_no_Server_header_is_sent()
    {
        using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, cluster);
        var environment = Environment(database);
        environment["RateLimits__AuthPerMinute"] = "3";

        await using (var app = await AppProcess.StartAsync(environment))
        {
            using var client = app.Client();
            var answers = await LoginsFromRotatingAddressesAsync(client, 4);

            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
                answers.Select(a => a.StatusCode));
            Assert.All(answers, a => Assert.False(a.Headers.Contains("Server"), "the server names itself"));
        }

        environment["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        await using (var behindProxy = await AppProcess.StartAsync(environment))
        {
            using var client = behindProxy.Client();
            var answers = await LoginsFromRotatingAddressesAsync(client, 4);

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode)); // four clients, as the proxy says
        }
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_with_413_as_it_arrives()
    {
        using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite, cluster);
        await using var app = await AppProcess.StartAsync(Environment(database));
        using var client = app.Client();
        var token = await SignUpAsync(client);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = new LargeJsonContent(5 * 1024 * 1024, chunked: true) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.ExpectContinue = true;
        HttpResponseMessage? response = null;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The server may cut the connection before the client has read its answer; then there is no answer to check.
        }

        if (response is not null)
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }

        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var projects = await (await client.SendAsync(list)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, projects.GetArrayLength()); // nothing was created
    }

    internal static Dictionary<string, string> Environment(TestDatabase database) => new()
    {
        ["Database__Provider"] = database.Provider,
        ["ConnectionStrings__Funnelcraft"] = database.ConnectionString,
        ["Roles__Worker"] = "false",
    };

    internal static async Task<string> SignUpAsync(HttpClient client)
    {
        var email = $"transport-{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = "Passw0rd!x" })).EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Passw0rd!x" });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<List<HttpResponseMessage>> LoginsFromRotatingAddressesAsync(HttpClient client, int count)
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 1; i <= count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new { email = $"someone-{i}@example.com", password = "Wr0ng!pass" }),
            };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            answers.Add(await client.SendAsync(request));
        }

        return answers;
    }
}

/// <summary>A JSON body of any size, written as it is sent (never held in memory): <c>{"name": "aaaa…"}</c>.</summary>
public sealed class LargeJsonContent : HttpContent
{
    private readonly long _size;
    private readonly bool _chunked;

    public LargeJsonContent(long size, bool chunked)
    {
        _size = size;
        _chunked = chunked;
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var head = "{\"name\": \""u8.ToArray();
        var tail = "\"}"u8.ToArray();
        await stream.WriteAsync(head);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'a');
        for (var left = _size - head.Length - tail.Length; left > 0; left -= chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
        }

        await stream.WriteAsync(tail);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _chunked ? 0 : _size;
        return !_chunked;
    }
}
