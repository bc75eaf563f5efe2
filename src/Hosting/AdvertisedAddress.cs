using System.Net;
using System.Net.Sockets;

namespace OrleansSweep.Hosting;

/// <summary><c>Orleans:AdvertisedAddress</c>: an IP address, or a host name resolved once at startup to its first IPv4 address.</summary>
public static class AdvertisedAddress
{
    public static IPAddress Resolve(string value)
    {
        if (IPAddress.TryParse(value, out var address)) return address;
        try
        {
            return Dns.GetHostAddresses(value).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                   ?? throw new ConfigurationError($"Orleans:AdvertisedAddress: {value} has no IPv4 address");
        }
        catch (SocketException e)
        {
            throw new ConfigurationError($"Orleans:AdvertisedAddress: cannot resolve {value}: {e.Message}");
        }
    }
}
