using Burnout.Hosting.Processes;

namespace Burnout.Hosting.Orchestration;

/// <summary>A resource that is one child process of ours.</summary>
internal sealed class ProcessInstance(ChildProcess process, TimeSpan stopGrace, Func<Task>? beforeStop = null) : IRunningInstance
{
    public int? ProcessId => process.Pid;

    public Task<int> Exited => process.Exited;

    public async Task StopAsync()
    {
        if (beforeStop is not null && !process.HasExited)
        {
            // Containers are stopped through their runtime (docker stop) rather than by signalling the client.
            await beforeStop().ConfigureAwait(false);
        }
        await process.StopAsync(stopGrace).ConfigureAwait(false);
        await process.DisposeAsync().ConfigureAwait(false);
    }
}
