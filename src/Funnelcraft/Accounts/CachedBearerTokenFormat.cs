using Microsoft.AspNetCore.Authentication;

namespace Funnelcraft.Accounts;

/// <summary>
/// The bearer scheme's token format with <see cref="BearerTicketCache"/> in front of opening a token. Making tokens, and
/// opening them for another purpose, go straight to the inner format. The handler still checks the ticket's expiry on
/// every request, cached or not.
/// </summary>
public sealed class CachedBearerTokenFormat(ISecureDataFormat<AuthenticationTicket> inner, BearerTicketCache cache) : ISecureDataFormat<AuthenticationTicket>
{
    public ISecureDataFormat<AuthenticationTicket> Inner { get; } = inner;

    public string Protect(AuthenticationTicket data) => Inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => Inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) =>
        string.IsNullOrEmpty(protectedText) ? Inner.Unprotect(protectedText) : cache.Unprotect(protectedText, Inner);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) =>
        purpose is null ? Unprotect(protectedText) : Inner.Unprotect(protectedText, purpose);
}
