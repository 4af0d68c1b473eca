namespace Burnout.Hosting.Orchestration;

/// <summary>One resource as <c>GET /api/resources</c> serves it: everything the dashboard shows, as data.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Kind,
    string? Parent,
    ResourceState State,
    HealthStatus Health,
    int? ProcessId,
    IReadOnlyList<ResourceEndpoint> Endpoints,
    int Restarts,
    DateTimeOffset? StartedAt,
    double? UptimeSeconds,
    int? LastExitCode,
    string? Message,
    TelemetryCounts Telemetry);
