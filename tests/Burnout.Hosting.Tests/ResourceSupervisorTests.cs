using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Orchestration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Burnout.Hosting.Tests;

/// <summary>The supervisor's decisions, with a launcher that runs nothing real.</summary>
public sealed class ResourceSupervisorTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_resource_that_exits_on_its_own_is_started_again_and_the_restart_counted()
    {
        var launcher = new FakeLauncher();
        var (supervisor, runtime) = Supervise(launcher);

        await supervisor.StartAsync();
        await runtime.WaitUntilAsync(r => r.State == ResourceState.Running, CancellationToken.None).WaitAsync(s_wait);
        launcher.Instances[0].Exit(137);
        await runtime.WaitUntilAsync(r => r.State == ResourceState.Running && r.Snapshot().Restarts == 1, CancellationToken.None).WaitAsync(s_wait);

        Assert.Equal(2, launcher.Instances.Count);
        Assert.Equal(137, runtime.Snapshot().LastExitCode);
        await supervisor.StopAsync();
    }

    [Fact]
    public async Task Nothing_starts_until_what_it_waits_for_is_healthy()
    {
        var dependency = new ResourceRuntime(new MlflowResource("dependency"), [], 10);
        var launcher = new FakeLauncher();
        var (supervisor, runtime) = Supervise(launcher, dependency);

        await supervisor.StartAsync();
        await runtime.WaitUntilAsync(r => r.State == ResourceState.Waiting, CancellationToken.None).WaitAsync(s_wait);
        dependency.SetRunning(processId: 42);
        Assert.Empty(launcher.Instances); // running but not yet healthy is not enough

        dependency.SetHealth(HealthStatus.Healthy);
        await runtime.WaitUntilAsync(r => r.State == ResourceState.Running, CancellationToken.None).WaitAsync(s_wait);

        Assert.Single(launcher.Instances);
        await supervisor.StopAsync();
    }

    [Fact]
    public async Task An_unavailable_dependency_does_not_hold_its_dependents_back()
    {
        var dependency = new ResourceRuntime(new MlflowResource("mlflow"), [], 10);
        dependency.SetState(ResourceState.Unavailable, "not installed");
        var launcher = new FakeLauncher();
        var (supervisor, runtime) = Supervise(launcher, dependency);

        await supervisor.StartAsync();
        await runtime.WaitUntilAsync(r => r.State == ResourceState.Running, CancellationToken.None).WaitAsync(s_wait);

        Assert.Single(launcher.Instances);
        await supervisor.StopAsync();
    }

    [Fact]
    public async Task A_stopped_resource_is_stopped_cleanly_and_not_restarted()
    {
        var launcher = new FakeLauncher();
        var (supervisor, runtime) = Supervise(launcher);
        await supervisor.StartAsync();
        await runtime.WaitUntilAsync(r => r.State == ResourceState.Running, CancellationToken.None).WaitAsync(s_wait);

        await supervisor.StopAsync().WaitAsync(s_wait);

        Assert.Equal(ResourceState.Stopped, runtime.State);
        Assert.True(launcher.Instances[0].WasStopped);
        Assert.Single(launcher.Instances);
    }

    [Fact]
    public async Task Health_follows_the_probe_while_running()
    {
        var launcher = new FakeLauncher { Health = HealthStatus.Unhealthy };
        var (supervisor, runtime) = Supervise(launcher);
        await supervisor.StartAsync();
        await runtime.WaitUntilAsync(r => r.Health == HealthStatus.Unhealthy, CancellationToken.None).WaitAsync(s_wait);

        launcher.Health = HealthStatus.Healthy;
        await runtime.WaitUntilAsync(r => r.Health == HealthStatus.Healthy, CancellationToken.None).WaitAsync(s_wait);

        await supervisor.StopAsync();
        Assert.Equal(HealthStatus.Unknown, runtime.Health);
    }

    [Fact]
    public async Task A_resource_that_cannot_run_here_is_unavailable_and_not_retried()
    {
        var launcher = new FakeLauncher { Unavailable = "no such thing here" };
        var (supervisor, runtime) = Supervise(launcher);

        await supervisor.StartAsync();
        await runtime.WaitUntilAsync(r => r.State == ResourceState.Unavailable, CancellationToken.None).WaitAsync(s_wait);

        Assert.Equal("no such thing here", runtime.Snapshot().Message);
        await supervisor.StartAsync(); // a start request changes nothing
        Assert.Equal(ResourceState.Unavailable, runtime.State);
        Assert.Equal(1, launcher.LaunchAttempts);
    }

    private static (ResourceSupervisor, ResourceRuntime) Supervise(FakeLauncher launcher, params ResourceRuntime[] waitsFor)
    {
        var runtime = new ResourceRuntime(new MlflowResource("subject"), [], 100);
        var backoff = new RestartBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        return (new ResourceSupervisor(runtime, launcher, waitsFor, backoff, NullLogger.Instance), runtime);
    }

    private sealed class FakeLauncher : IResourceLauncher
    {
        private readonly List<FakeInstance> _instances = [];
        private int _attempts;

        public volatile HealthStatus Health = HealthStatus.Healthy;

        public string? Unavailable { get; init; }

        public IReadOnlyList<FakeInstance> Instances { get { lock (_instances) { return _instances.ToList(); } } }

        public int LaunchAttempts => Volatile.Read(ref _attempts);

        public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IRunningInstance> LaunchAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (Unavailable is not null)
            {
                throw new ResourceUnavailableException(Unavailable);
            }
            var instance = new FakeInstance();
            lock (_instances)
            {
                _instances.Add(instance);
            }
            return Task.FromResult<IRunningInstance>(instance);
        }

        public Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken) => Task.FromResult(Health);
    }

    private sealed class FakeInstance : IRunningInstance
    {
        private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool WasStopped { get; private set; }

        public int? ProcessId => 1234;

        public Task<int> Exited => _exited.Task;

        public void Exit(int code) => _exited.TrySetResult(code);

        public Task StopAsync()
        {
            WasStopped = true;
            _exited.TrySetResult(0);
            return Task.CompletedTask;
        }
    }
}
