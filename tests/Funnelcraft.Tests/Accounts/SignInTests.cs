using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Funnelcraft.Tests.Accounts;

/// <summary>
/// Signing in cannot be turned against a user: failures slow the next attempts down (429 with Retry-After) instead of
/// locking the account; a stranger hammering an account from many addresses does not keep its owner out; and no answer —
/// of sign-in or of registration — tells whether an address has an account.
/// </summary>
public abstract class SignInTests(PostgresCluster cluster) : IAsyncLifetime
{
    private const string Password = "Passw0rd!x";

    protected abstract DatabaseKind Kind { get; }

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly SentMail _mail = new();
    private FunnelcraftApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        if (Kind == DatabaseKind.Postgres)
        {
            cluster.EnsureAvailable();
        }

        _app = await FunnelcraftApp.StartAsync(Kind, cluster, new Dictionary<string, string?>
        {
            ["SignInThrottle:FreeAttempts"] = "3",
            ["SignInThrottle:BaseDelay"] = "00:00:10",
            ["SignInThrottle:MaxDelay"] = "00:05:00",
            ["Roles:Worker"] = "false",
        }, services =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddSingleton<IEmailSender<IdentityUser>>(_mail);
            TestPeer.Install(services);
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_unknown_account_and_a_wrong_password_get_the_same_answer_from_the_API_and_the_page()
    {
        var email = await RegisterAsync();

        var wrongPassword = await LoginAsync(email, "Wr0ng!pass", "198.51.100.1");
        var unknownAccount = await LoginAsync($"nobody-{Guid.NewGuid():N}@example.com", "Wr0ng!pass", "198.51.100.2");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownAccount.StatusCode);
        Assert.Equal(WithoutTraceId(await wrongPassword.Content.ReadAsStringAsync()), WithoutTraceId(await unknownAccount.Content.ReadAsStringAsync()));

        using var browser = _app.CreateClient();
        var pageWrong = await PageForms.PostAsync(browser, "/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "Wr0ng!pass" });
        var pageUnknown = await PageForms.PostAsync(browser, "/account/login", new Dictionary<string, string> { ["Input.Email"] = $"nobody-{Guid.NewGuid():N}@example.com", ["Input.Password"] = "Wr0ng!pass" });
        Assert.Equal(pageWrong.StatusCode, pageUnknown.StatusCode);
        Assert.Equal(FormAlert(await pageWrong.Content.ReadAsStringAsync()), FormAlert(await pageUnknown.Content.ReadAsStringAsync()));
        Assert.Contains("do not match an account", FormAlert(await pageWrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_sign_ins_slow_the_next_ones_down_with_429_and_never_lock_the_account()
    {
        var email = await RegisterAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, "Wr0ng!pass", "198.51.100.7")).StatusCode);
        }

        // Even the right password waits: the attempt is refused unchecked.
        var refused = await LoginAsync(email, Password, "198.51.100.7");
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.Headers.RetryAfter?.Delta);

        // Each further failure doubles the wait.
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, "Wr0ng!pass", "198.51.100.7")).StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), (await LoginAsync(email, Password, "198.51.100.7")).Headers.RetryAfter?.Delta);

        // The account was never locked: once the wait is over, the right password signs in.
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, Password, "198.51.100.7")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, "Wr0ng!pass", "198.51.100.7")).StatusCode); // a later typo waits for nothing
    }

    [Fact]
    public async Task A_stranger_hammering_an_account_from_many_addresses_does_not_keep_its_owner_out()
    {
        var email = await RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, Password, "203.0.113.5")).StatusCode); // the owner's laptop

        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, $"Guess{i}!aa", $"198.51.100.{i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(email, "Guess4!aa", "198.51.100.4")).StatusCode); // the stranger waits
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(email, Password, "192.0.2.77")).StatusCode); // so does any new address
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, Password, "203.0.113.5")).StatusCode); // the owner's own address does not
        }
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_slowed_down()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync($"guess-{i}@example.com", "Wr0ng!pass", "198.51.100.99")).StatusCode);
        }

        var refused = await LoginAsync("guess-3@example.com", "Wr0ng!pass", "198.51.100.99");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("guess-3@example.com", "Wr0ng!pass", "198.51.100.100")).StatusCode); // another address is not
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_exactly_like_a_new_one_and_changes_nothing()
    {
        using var client = _app.CreateClient();
        var email = $"taken-{Guid.NewGuid():N}@example.com";
        var fresh = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password });
        var freshWeak = await client.PostAsJsonAsync("/api/auth/register", new { email = $"new-{Guid.NewGuid():N}@example.com", password = "short" });
        var before = await DbFingerprint.TakeAsync(_app);

        var again = await client.PostAsJsonAsync("/api/auth/register", new { email, password = "An0ther!password" });
        var againWeak = await client.PostAsJsonAsync("/api/auth/register", new { email, password = "short" });

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(fresh.Content.Headers.ContentType, again.Content.Headers.ContentType);
        Assert.Equal(HttpStatusCode.BadRequest, againWeak.StatusCode);
        Assert.Equal(Errors(await freshWeak.Content.ReadFromJsonAsync<JsonElement>()), Errors(await againWeak.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(before, await DbFingerprint.TakeAsync(_app));
        Assert.Contains(email, _mail.ResetCodesSentTo); // the owner learns of it, with a way back in
    }

    [Fact]
    public async Task The_register_page_never_says_an_address_is_taken_and_signs_in_its_owner()
    {
        var email = await RegisterAsync();
        using var stranger = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = await DbFingerprint.TakeAsync(_app);

        var page = await PageForms.PostAsync(stranger, "/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = "An0ther!password", ["Input.ConfirmPassword"] = "An0ther!password",
        });
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("taken", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("already in use", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Check the inbox", html, StringComparison.Ordinal);
        Assert.Equal(before, await DbFingerprint.TakeAsync(_app));

        using var owner = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var ownerPage = await PageForms.PostAsync(owner, "/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, ownerPage.StatusCode);
        Assert.Equal("/funnel-builder", ownerPage.Headers.Location?.OriginalString);
    }

    private async Task<string> RegisterAsync()
    {
        using var client = _app.CreateClient();
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        return email;
    }

    private async Task<HttpResponseMessage> LoginAsync(string email, string password, string address)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(TestPeer.Header, address);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string WithoutTraceId(string problem)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    private static string FormAlert(string html)
    {
        var start = html.IndexOf("form-alert", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page shows no form alert");
        var end = html.IndexOf("</div>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static string Errors(JsonElement problem) =>
        string.Join(";", problem.GetProperty("errors").EnumerateObject().Select(e => $"{e.Name}={string.Join("|", e.Value.EnumerateArray())}"));

    /// <summary>Records what the app e-mails, instead of sending it.</summary>
    private sealed class SentMail : IEmailSender<IdentityUser>
    {
        public List<string> ResetCodesSentTo { get; } = [];

        public Task SendConfirmationLinkAsync(IdentityUser user, string email, string confirmationLink) => Task.CompletedTask;

        public Task SendPasswordResetLinkAsync(IdentityUser user, string email, string resetLink) => Task.CompletedTask;

        public Task SendPasswordResetCodeAsync(IdentityUser user, string email, string resetCode)
        {
            lock (ResetCodesSentTo)
            {
                ResetCodesSentTo.Add(email);
            }

            return Task.CompletedTask;
        }
    }
}

public sealed class SignInTestsOnSqlite(PostgresCluster cluster) : SignInTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class SignInTestsOnPostgres(PostgresCluster cluster) : SignInTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
