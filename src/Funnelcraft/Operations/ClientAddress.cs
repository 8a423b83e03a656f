using System.Net;
using System.Net.Sockets;

namespace Funnelcraft.Operations;

/// <summary>
/// The client's address as limits count it: the connection's peer (or, behind a configured proxy, the address it
/// forwarded). An IPv6 client counts by its /64 network, the block one subscriber gets, so rotating through the
/// addresses of one network is not a way around a per-address limit.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }
}
