using System.Net;
using System.Net.Sockets;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// Port 0 means "any free port". Ports are chosen up front, before anything starts, because dependents
/// receive each other's addresses in their environment and addresses must not change across restarts.
/// </summary>
public static class FreePort
{
    public static int Resolve(int configuredPort) => configuredPort != 0 ? configuredPort : Pick();

    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
