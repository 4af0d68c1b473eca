using Microsoft.Extensions.Logging;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// Keeps one resource running: waits until what it waits for is healthy, starts it, polls its health,
/// restarts it with bounded back-off when it exits on its own, and stops it on request.
/// </summary>
internal sealed class ResourceSupervisor
{
    private static readonly TimeSpan s_probeUntilHealthy = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_probeWhileHealthy = TimeSpan.FromSeconds(3);

    private readonly IResourceLauncher _launcher;
    private readonly IReadOnlyList<ResourceRuntime> _waitsFor;
    private readonly RestartBackoff _backoff;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _control = new(1, 1);
    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;

    public ResourceSupervisor(ResourceRuntime runtime, IResourceLauncher launcher, IReadOnlyList<ResourceRuntime> waitsFor, RestartBackoff backoff, ILogger logger)
    {
        Runtime = runtime;
        _launcher = launcher;
        _waitsFor = waitsFor;
        _backoff = backoff;
        _logger = logger;
    }

    public ResourceRuntime Runtime { get; }

    public IResourceLauncher Launcher => _launcher;

    /// <summary>Starts supervising unless already running (or unavailable here).</summary>
    public async Task StartAsync()
    {
        await _control.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_loop.IsCompleted || Runtime.State == ResourceState.Unavailable)
            {
                return;
            }
            _stop = new CancellationTokenSource();
            var token = _stop.Token;
            _loop = Task.Run(() => SuperviseAsync(token), CancellationToken.None);
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Stops the resource and waits until nothing of it runs any more.</summary>
    public async Task StopAsync()
    {
        await _control.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stop is not null)
            {
                await _stop.CancelAsync().ConfigureAwait(false);
            }
            await _loop.ConfigureAwait(false);
        }
        finally
        {
            _control.Release();
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartAsync().ConfigureAwait(false);
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        _backoff.Reset();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await WaitForDependenciesAsync(stop).ConfigureAwait(false);

                Runtime.SetState(ResourceState.Starting);
                IRunningInstance instance;
                try
                {
                    instance = await _launcher.LaunchAsync(stop).ConfigureAwait(false);
                }
                catch (ResourceUnavailableException e)
                {
                    MarkUnavailable(e.Message);
                    return;
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    var delay = _backoff.NextDelay(TimeSpan.Zero);
                    _logger.LogWarning("{Resource} failed to start: {Reason}", Runtime.Name, e.Message);
                    Runtime.Logs.Add($"[apphost] failed to start: {e.Message}", isError: true);
                    Runtime.SetExited(null, $"Failed to start: {e.Message} Retrying in {delay.TotalSeconds:0} s.");
                    await Task.Delay(delay, stop).ConfigureAwait(false);
                    Runtime.CountRestart();
                    continue;
                }

                Runtime.SetRunning(instance.ProcessId);
                var started = DateTimeOffset.UtcNow;
                _logger.LogInformation("{Resource} started{Pid}.", Runtime.Name, instance.ProcessId is { } pid ? $" (pid {pid})" : "");

                using (var probing = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    var health = ProbeHealthAsync(probing.Token);
                    await Task.WhenAny(instance.Exited, Task.Delay(Timeout.Infinite, stop)).ConfigureAwait(false);
                    await probing.CancelAsync().ConfigureAwait(false);
                    await health.ConfigureAwait(false);
                }

                if (!instance.Exited.IsCompleted)
                {
                    // Asked to stop while it was running.
                    Runtime.SetState(ResourceState.Stopping);
                    var stopping = DateTimeOffset.UtcNow;
                    await instance.StopAsync().ConfigureAwait(false);
                    _logger.LogInformation("{Resource} stopped in {Seconds:0.0} s.", Runtime.Name, (DateTimeOffset.UtcNow - stopping).TotalSeconds);
                    break;
                }

                var exitCode = await instance.Exited.ConfigureAwait(false);
                await instance.StopAsync().ConfigureAwait(false); // releases the process handle and anything left in its group
                if (stop.IsCancellationRequested)
                {
                    break;
                }
                var backoff = _backoff.NextDelay(DateTimeOffset.UtcNow - started);
                _logger.LogWarning("{Resource} exited with code {ExitCode}; restarting in {Delay} s.", Runtime.Name, exitCode, backoff.TotalSeconds);
                Runtime.Logs.Add($"[apphost] exited with code {exitCode}; restarting in {backoff.TotalSeconds:0.#} s", isError: true);
                Runtime.SetExited(exitCode, $"Exited with code {exitCode}; restarting in {backoff.TotalSeconds:0.#} s.");
                await Task.Delay(backoff, stop).ConfigureAwait(false);
                Runtime.CountRestart();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The supervisor must never die silently: say so on the dashboard.
            _logger.LogError(e, "Supervising {Resource} failed.", Runtime.Name);
            Runtime.Logs.Add($"[apphost] supervision failed: {e}", isError: true);
        }
        if (Runtime.State != ResourceState.Unavailable)
        {
            Runtime.SetState(ResourceState.Stopped);
        }
    }

    private async Task WaitForDependenciesAsync(CancellationToken stop)
    {
        foreach (var dependency in _waitsFor)
        {
            if (!dependency.IsSettledForDependents)
            {
                Runtime.SetState(ResourceState.Waiting, $"Waiting for {dependency.Name} to be healthy.");
                await dependency.WaitUntilAsync(d => d.IsSettledForDependents, stop).ConfigureAwait(false);
            }
        }
    }

    private async Task ProbeHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                HealthStatus health;
                try
                {
                    health = await _launcher.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    health = HealthStatus.Unhealthy;
                }
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                if (health != Runtime.Health)
                {
                    _logger.LogInformation("{Resource} is {Health}.", Runtime.Name, health);
                }
                Runtime.SetHealth(health);
                await Task.Delay(health == HealthStatus.Healthy ? s_probeWhileHealthy : s_probeUntilHealthy, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void MarkUnavailable(string reason)
    {
        _logger.LogWarning("{Resource} is unavailable: {Reason}", Runtime.Name, reason);
        Runtime.Logs.Add($"[apphost] unavailable: {reason}", isError: true);
        Runtime.SetState(ResourceState.Unavailable, reason);
    }
}
