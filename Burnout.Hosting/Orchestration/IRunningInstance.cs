namespace Burnout.Hosting.Orchestration;

/// <summary>One run of a resource: a process we own, or a handle on something external.</summary>
internal interface IRunningInstance
{
    int? ProcessId { get; }

    /// <summary>Completes with the exit code when the instance ends on its own; never, for external resources.</summary>
    Task<int> Exited { get; }

    /// <summary>Clean stop, escalating to a kill; afterwards nothing of this instance is left running.</summary>
    Task StopAsync();
}
