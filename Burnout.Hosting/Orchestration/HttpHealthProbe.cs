namespace Burnout.Hosting.Orchestration;

/// <summary>GET on a readiness URL: 2xx is healthy, anything else (or no answer in time) is not.</summary>
internal static class HttpHealthProbe
{
    private static readonly HttpClient s_client = new(new SocketsHttpHandler
    {
        // Probes must not reuse a connection to a process that was just killed and replaced.
        PooledConnectionLifetime = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public static async Task<HealthStatus> CheckAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s_client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthStatus.Unhealthy;
        }
    }
}
