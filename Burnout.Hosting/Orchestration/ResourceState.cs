namespace Burnout.Hosting.Orchestration;

/// <summary>Where a resource is in its life, as the dashboard and <c>/api/resources</c> show it.</summary>
public enum ResourceState
{
    NotStarted,
    /// <summary>Waiting for the resources it waits for to become healthy.</summary>
    Waiting,
    Starting,
    Running,
    /// <summary>Exited or failed to start on its own; it will be started again after a back-off delay.</summary>
    Restarting,
    Stopping,
    /// <summary>Stopped on request (dashboard action or AppHost shutdown); not restarted.</summary>
    Stopped,
    /// <summary>Cannot run on this machine; the message says why. The rest of the application runs without it.</summary>
    Unavailable,
}
