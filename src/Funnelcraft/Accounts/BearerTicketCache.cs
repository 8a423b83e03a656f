using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Accounts;

/// <summary>
/// The tickets of bearer tokens this node has already decrypted, so that a client polling with the same token skips the
/// data-protection decrypt and ticket deserialization (~20 µs a request). Only tickets that opened are kept, keyed by the
/// SHA-256 of the token (32 bytes, not the token itself); at most <see cref="AccountsOptions.BearerCacheSize"/> of them,
/// each until the ticket's own expiry or <see cref="AccountsOptions.BearerCacheLifetime"/>, whichever comes first. Every
/// caller gets its own clone, so no request can change the principal another request sees.
/// </summary>
public sealed class BearerTicketCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public BearerTicketCache(IOptions<AccountsOptions> options, TimeProvider time)
    {
        _time = time;
        _lifetime = options.Value.BearerCacheLifetime;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.BearerCacheSize, Clock = new Clock(time) });
    }

    /// <summary>Tickets held now.</summary>
    public int Count => _cache.Count;

    /// <summary>The ticket of <paramref name="token"/>: a copy of the remembered one, else opened by <paramref name="inner"/> (and remembered if it opened).</summary>
    public AuthenticationTicket? Unprotect(string token, ISecureDataFormat<AuthenticationTicket> inner)
    {
        if (Key(token) is not { } key)
        {
            return inner.Unprotect(token); // not ASCII, so not base64url: no token this app made; the inner format refuses it
        }

        if (_cache.TryGetValue(key, out AuthenticationTicket? remembered) && remembered is not null)
        {
            return remembered.Clone();
        }

        var ticket = inner.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires)
        {
            return ticket; // not cached: a token that does not open (or has no expiry, which the handler refuses) is checked afresh each time
        }

        var now = _time.GetUtcNow();
        var until = expires < now + _lifetime ? expires : now + _lifetime;
        if (until > now)
        {
            _cache.Set(key, ticket, new MemoryCacheEntryOptions { AbsoluteExpiration = until, Size = 1 });
        }

        return ticket.Clone(); // the remembered instance never leaves the cache
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>The SHA-256 of the token's ASCII bytes; null for a token that is not ASCII (tokens are base64url).</summary>
    private static TokenKey? Key(string token)
    {
        byte[]? rented = null;
        var ascii = token.Length <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            if (Ascii.FromUtf16(token, ascii, out var length) != OperationStatus.Done)
            {
                return null;
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(ascii[..length], hash);
            return new TokenKey(
                BinaryPrimitives.ReadUInt64LittleEndian(hash),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private readonly record struct TokenKey(ulong A, ulong B, ulong C, ulong D);

    private sealed class Clock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
