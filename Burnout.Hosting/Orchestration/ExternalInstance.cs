namespace Burnout.Hosting.Orchestration;

/// <summary>Something we connect to but do not run (an external server, a database on our server): it never exits on its own.</summary>
internal sealed class ExternalInstance : IRunningInstance
{
    private readonly TaskCompletionSource<int> _never = new();

    public int? ProcessId => null;

    public Task<int> Exited => _never.Task;

    public Task StopAsync() => Task.CompletedTask;
}
