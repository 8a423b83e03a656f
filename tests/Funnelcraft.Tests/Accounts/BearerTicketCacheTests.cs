using System.Security.Claims;
using Funnelcraft.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Funnelcraft.Tests.Accounts;

/// <summary>The cache of opened bearer tokens on its own: real data-protected tokens, a fake clock, the inner format's calls counted.</summary>
public sealed class BearerTicketCacheTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingTicketFormat _inner = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("bearer-cache-tests")));
    private BearerTicketCache _cache;
    private CachedBearerTokenFormat _format;

    public BearerTicketCacheTests()
    {
        _cache = NewCache(size: 100, lifetime: TimeSpan.FromMinutes(5));
        _format = new CachedBearerTokenFormat(_inner, _cache);
    }

    [Fact]
    public void A_repeated_token_is_opened_once()
    {
        var token = Token("user-1", TimeSpan.FromHours(1));

        var tickets = Enumerable.Range(0, 3).Select(_ => _format.Unprotect(token)).ToList();

        Assert.Equal(1, _inner.Unprotects);
        Assert.All(tickets, t => Assert.Equal("user-1", t!.Principal.FindFirstValue(ClaimTypes.NameIdentifier)));
        Assert.All(tickets, t => Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(1), t!.Properties.ExpiresUtc));
    }

    [Fact]
    public void Every_caller_gets_its_own_copy_of_the_ticket()
    {
        var token = Token("user-1", TimeSpan.FromHours(1));
        var expires = _time.GetUtcNow() + TimeSpan.FromHours(1);

        var first = _format.Unprotect(token)!; // the miss
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "admin"));
        first.Properties.Items["changed"] = "yes";
        first.Properties.ExpiresUtc = expires.AddDays(1);
        var second = _format.Unprotect(token)!; // a hit
        ((ClaimsIdentity)second.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "owner"));
        var third = _format.Unprotect(token)!;

        Assert.Equal(1, _inner.Unprotects);
        Assert.NotSame(second.Principal, third.Principal);
        Assert.NotSame(second.Principal.Identity, third.Principal.Identity);
        Assert.NotSame(second.Properties, third.Properties);
        Assert.False(third.Principal.HasClaim(c => c.Type == ClaimTypes.Role));
        Assert.False(third.Properties.Items.ContainsKey("changed"));
        Assert.Equal(expires, third.Properties.ExpiresUtc);
        Assert.Equal("user-1", third.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public void A_ticket_is_not_remembered_past_its_own_expiry()
    {
        var token = Token("user-1", TimeSpan.FromMinutes(2)); // sooner than the cache lifetime
        _format.Unprotect(token);
        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        _format.Unprotect(token);
        Assert.Equal(1, _inner.Unprotects);

        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = _format.Unprotect(token);

        Assert.Equal(2, _inner.Unprotects);
        Assert.True(expired!.Properties.ExpiresUtc <= _time.GetUtcNow()); // the handler refuses it: the cache changes nothing
    }

    [Fact]
    public void A_ticket_is_opened_again_after_the_cache_lifetime()
    {
        var token = Token("user-1", TimeSpan.FromHours(1));
        _format.Unprotect(token);
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        _format.Unprotect(token);
        Assert.Equal(1, _inner.Unprotects);

        _time.Advance(TimeSpan.FromSeconds(1));
        _format.Unprotect(token);
        _format.Unprotect(token);

        Assert.Equal(2, _inner.Unprotects);
    }

    [Fact]
    public void A_token_that_does_not_open_is_never_remembered()
    {
        var token = Token("user-1", TimeSpan.FromHours(1));
        var tampered = Tamper(token);

        Assert.Null(_format.Unprotect(tampered));
        Assert.Null(_format.Unprotect(tampered));
        Assert.Null(_format.Unprotect("not-a-token"));

        Assert.Equal(3, _inner.Unprotects);
        Assert.Equal(0, _cache.Count);
        Assert.Equal("user-1", _format.Unprotect(token)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public void A_long_token_is_remembered_and_a_non_ascii_one_goes_straight_to_the_inner_format()
    {
        var principal = Principal("user-1");
        ((ClaimsIdentity)principal.Identity!).AddClaims(Enumerable.Range(0, 40).Select(i => new Claim(ClaimTypes.Role, $"role-{i}")));
        var longToken = _inner.Protect(new AuthenticationTicket(
            principal, new AuthenticationProperties { ExpiresUtc = _time.GetUtcNow().AddHours(1) }, "Identity.Bearer:AccessToken"));
        Assert.True(longToken.Length > 1024);

        Assert.Equal(40, _format.Unprotect(longToken)!.Principal.FindAll(ClaimTypes.Role).Count());
        Assert.Equal(40, _format.Unprotect(longToken)!.Principal.FindAll(ClaimTypes.Role).Count());
        Assert.Null(_format.Unprotect("é" + longToken[1..]));
        Assert.Null(_format.Unprotect("é" + longToken[1..]));

        Assert.Equal(3, _inner.Unprotects);
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public void A_ticket_without_an_expiry_is_not_remembered()
    {
        var token = _inner.Protect(new AuthenticationTicket(Principal("user-1"), "Identity.Bearer:AccessToken"));

        Assert.NotNull(_format.Unprotect(token));
        Assert.NotNull(_format.Unprotect(token));

        Assert.Equal(2, _inner.Unprotects);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void The_cache_holds_at_most_its_size_and_every_token_still_opens()
    {
        _cache.Dispose();
        _cache = NewCache(size: 3, lifetime: TimeSpan.FromMinutes(5));
        _format = new CachedBearerTokenFormat(_inner, _cache);

        for (var i = 0; i < 20; i++)
        {
            var ticket = _format.Unprotect(Token($"user-{i}", TimeSpan.FromHours(1)));

            Assert.Equal($"user-{i}", ticket!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
            Assert.InRange(_cache.Count, 1, 3);
        }

        Assert.Equal(20, _inner.Unprotects);
    }

    [Fact]
    public void Making_tokens_and_opening_them_for_another_purpose_go_straight_to_the_inner_format()
    {
        var ticket = new AuthenticationTicket(Principal("user-1"), new AuthenticationProperties { ExpiresUtc = _time.GetUtcNow().AddHours(1) }, "test");
        var token = _format.Protect(ticket);
        var other = _format.Protect(ticket, "other");

        Assert.NotNull(_format.Unprotect(other, "other"));
        Assert.NotNull(_format.Unprotect(other, "other"));

        Assert.Equal(2, _inner.Protects);
        Assert.Equal(2, _inner.Unprotects);
        Assert.Equal(0, _cache.Count);
        Assert.Null(_format.Unprotect(token, "other"));
    }

    public void Dispose() => _cache.Dispose();

    private BearerTicketCache NewCache(int size, TimeSpan lifetime) =>
        new(Options.Create(new AccountsOptions { BearerCacheSize = size, BearerCacheLifetime = lifetime }), _time);

    private string Token(string userId, TimeSpan validFor) =>
        _inner.Protect(new AuthenticationTicket(
            Principal(userId), new AuthenticationProperties { ExpiresUtc = _time.GetUtcNow() + validFor }, "Identity.Bearer:AccessToken"));

    private static ClaimsPrincipal Principal(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, $"{userId}@example.com")], "Identity.Bearer"));

    /// <summary>The token with one character in the middle changed (the middle, so that every bit of it is used).</summary>
    public static string Tamper(string token)
    {
        var chars = token.ToCharArray();
        var middle = chars.Length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
