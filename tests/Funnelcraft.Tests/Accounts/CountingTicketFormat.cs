using Microsoft.AspNetCore.Authentication;

namespace Funnelcraft.Tests.Accounts;

/// <summary>A token format that counts how often it is really asked to open a token: the cache's misses.</summary>
public sealed class CountingTicketFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    private int _unprotects;
    private int _protects;

    public int Unprotects => Volatile.Read(ref _unprotects);

    public int Protects => Volatile.Read(ref _protects);

    public string Protect(AuthenticationTicket data) => Protect(data, null);

    public string Protect(AuthenticationTicket data, string? purpose)
    {
        Interlocked.Increment(ref _protects);
        return inner.Protect(data, purpose);
    }

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        Interlocked.Increment(ref _unprotects);
        return inner.Unprotect(protectedText, purpose);
    }
}
