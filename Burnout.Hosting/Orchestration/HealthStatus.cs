namespace Burnout.Hosting.Orchestration;

/// <summary>The last health probe's verdict; Unknown while nothing is running or no probe has answered yet.</summary>
public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}
