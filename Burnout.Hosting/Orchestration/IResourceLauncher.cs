namespace Burnout.Hosting.Orchestration;

/// <summary>
/// Knows how to run one kind of resource. The <see cref="ResourceSupervisor"/> around it does the rest:
/// waiting for dependencies, restarts with back-off, health polling, stop and start on request.
/// </summary>
internal interface IResourceLauncher
{
    /// <summary>
    /// Decides, before anything starts, how this resource will run here. Throws to stop the AppHost at once
    /// (no PostgreSQL anywhere); throws <see cref="ResourceUnavailableException"/> to run without it (no MLflow).
    /// </summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Starts one instance; returns once it is started (not necessarily healthy).</summary>
    Task<IRunningInstance> LaunchAsync(CancellationToken cancellationToken);

    Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken);
}
