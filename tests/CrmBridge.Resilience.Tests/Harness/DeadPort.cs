using System.Net;
using System.Net.Sockets;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>Loopback ports: a free one for a server, and one nobody listens on (connections are refused at once).</summary>
internal static class DeadPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Uri Url(string pathAndQuery = "/") => new($"http://127.0.0.1:{Free()}{pathAndQuery}");
}
