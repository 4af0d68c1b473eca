using Burnout.Trainer.Training;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Burnout.Trainer.Runs;

/// <summary>
/// Retrains each trainable problem every <see cref="TrainingSettings.RetrainEvery"/> on all the stored activity.
/// The interval counts from the newest run of the problem, whatever queued it, so a manual or monitor-triggered
/// run postpones the scheduled one instead of doubling it.
/// </summary>
public sealed class TrainingSchedule(
    NpgsqlDataSource dataSource,
    TrainingRunStore runs,
    TrainingQueueSignal signal,
    TimeProvider clock,
    IOptions<TrainingSettings> settings,
    ILogger<TrainingSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = settings.Value.RetrainEvery;
        if (every <= TimeSpan.Zero)
        {
            logger.LogInformation("Scheduled retraining is off (Training:RetrainEvery is {Every}).", every);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Clamp(every.TotalMinutes / 10, 1, 60)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var problem in TrainingProblems.Trainable)
            {
                var latest = await runs.LatestQueuedAtAsync(problem, stoppingToken);
                if (latest is null || clock.GetUtcNow() - latest < every
                    || await DefaultSnapshot.DefineAsync(dataSource, $"scheduled-{clock.GetUtcNow():yyyy-MM-dd}", stoppingToken) is not { } definition)
                {
                    continue;
                }
                var runId = await runs.QueueAsync(problem, null, System.Text.Json.JsonSerializer.SerializeToElement(definition, SnapshotJson.Options),
                    [.. CandidateLearner.All.Select(c => c.Name)], "schedule", stoppingToken);
                signal.Notify();
                logger.LogInformation("Scheduled retraining: run {RunId} queued for {Problem}.", runId, problem);
            }
        }
    }
}
