using System.Net;
using System.Net.Sockets;

namespace OrleansSweep.Client.Sweeps;

/// <summary>"host:port" as Orleans' static gateway list wants it.</summary>
public static class GatewayAddress
{
    public static bool TryParse(string text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535) return false;
        var host = text[..colon];
        endpoint = new IPEndPoint(IPAddress.Parse(Resolve(host)), port);
        return true;
    }

    private static string Resolve(string host) =>
        IPAddress.TryParse(host, out var ip) ? ip.ToString()
        : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString()
          ?? throw new Cli.BadInputException($"--gateway: cannot resolve host '{host}'");
}
