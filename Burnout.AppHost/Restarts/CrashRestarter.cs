using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Burnout.AppHost.Restarts;

/// <summary>
/// DCP does not restart a process that exits. This watches Aspire's resource states and, when a resource marked
/// with <see cref="RestartOnCrashAnnotation"/> goes from running to exited without anyone stopping it (a crash,
/// <c>kill -9</c>), runs the resource's own start command after a bounded backoff. A stop asked for from the
/// dashboard passes through "Stopping" first, and is left alone; so is everything while the AppHost shuts down.
/// </summary>
internal sealed class CrashRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IHostApplicationLifetime lifetime,
    ILogger<CrashRestarter> logger) : BackgroundService
{
    private readonly Dictionary<string, string?> _lastState = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _runningSince = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            if (!update.Resource.TryGetLastAnnotation<RestartOnCrashAnnotation>(out var restart))
            {
                continue;
            }
            var state = update.Snapshot.State?.Text;
            _lastState.TryGetValue(update.ResourceId, out var previous);
            _lastState[update.ResourceId] = state;

            if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
            {
                _runningSince[update.ResourceId] = DateTimeOffset.UtcNow;
            }
            var crashed = previous == KnownResourceStates.Running
                && state is var s && (s == KnownResourceStates.Exited || s == KnownResourceStates.Finished || s == KnownResourceStates.FailedToStart);
            if (crashed && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                var ranFor = DateTimeOffset.UtcNow - _runningSince.GetValueOrDefault(update.ResourceId, DateTimeOffset.UtcNow);
                _ = RestartAsync(update.Resource, restart, update.Snapshot.ExitCode, restart.Backoff.NextDelay(ranFor), stoppingToken);
            }
        }
    }

    private async Task RestartAsync(IResource resource, RestartOnCrashAnnotation restart, int? exitCode, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            var count = ++restart.Restarts;
            var message = $"{resource.Name} exited with code {exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} " +
                $"without being asked to; restart {count} in {delay.TotalSeconds:0.#} s.";
            logger.LogWarning("{Message}", message);
            resourceLogs.GetLogger(resource).LogWarning("{Message}", message);
            await notifications.PublishUpdateAsync(resource, snapshot => snapshot with
            {
                Properties = snapshot.Properties.With(new ResourcePropertySnapshot(RestartCountProperty, count)),
            });

            await Task.Delay(delay, stoppingToken);
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                logger.LogError("Restarting {Resource} failed: {Error}", resource.Name, result.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping; nothing should come back.
        }
    }

    /// <summary>Shown among the resource's details on the dashboard.</summary>
    public const string RestartCountProperty = "burnout.restarts";
}
