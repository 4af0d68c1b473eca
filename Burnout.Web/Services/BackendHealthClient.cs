using System.Text.Json;

namespace Burnout.Web.Services;

/// <summary>Asks each backend service for its readiness, for the status strip on the front page.</summary>
public sealed class BackendHealthClient(HttpClient httpClient, ILogger<BackendHealthClient> logger)
{
    /// <summary>The backends the front door routes to, by their AppHost resource names.</summary>
    public static readonly IReadOnlyList<string> Services = ["api", "trainer", "monitor"];

    public async Task<BackendHealth> CheckAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClient.GetAsync($"http://{service}/health", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = TryReadStatus(body) ?? (response.IsSuccessStatusCode ? "Healthy" : "Unhealthy");
            return new BackendHealth(service, status, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            logger.LogDebug(e, "Health check of {Service} failed", service);
            return new BackendHealth(service, "Unreachable", e.Message);
        }
    }

    private static string? TryReadStatus(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record BackendHealth(string Service, string Status, string? Detail)
{
    public bool IsHealthy => Status == "Healthy";
}
