using Burnout.Data.Bulk;
using Burnout.Features.Simulation;
using Burnout.Trainer.Training;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Burnout.Trainer.Runs;

/// <summary>
/// A developer who starts the stack on an empty database gets a champion without doing anything: when no
/// <c>burnout-daily</c> run was ever queued, this seeds a synthetic cohort (only if there is no activity at all),
/// and queues a run over all the activity. The worker trains it, and the first version becomes champion.
/// </summary>
public sealed class FirstStartTraining(
    NpgsqlDataSource dataSource,
    TrainingRunStore runs,
    TrainingQueueSignal signal,
    IOptions<TrainingSettings> settings,
    ILogger<FirstStartTraining> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var firstStart = settings.Value.FirstStart;
        if (!firstStart.Enabled || await runs.AnyAsync(TrainingProblems.BurnoutDaily, stoppingToken))
        {
            return;
        }

        if (await DefaultSnapshot.DefineAsync(dataSource, "first-start", stoppingToken) is null)
        {
            logger.LogInformation("First start: no activity yet; generating a synthetic cohort of {Students} students over {Days} days (seed {Seed}).",
                firstStart.Students, firstStart.Days, firstStart.Seed);
            await using var sink = await PostgresActivitySink.OpenAsync(dataSource, "first-start", stoppingToken);
            var summary = await new CohortSimulator(new SimulationOptions(firstStart.Students, firstStart.Days, firstStart.Seed)).RunAsync(sink, cancellationToken: stoppingToken);
            logger.LogInformation("First start: {Rows:N0} daily rows written, burnout prevalence {Prevalence:P1}.", summary.ActivityRows, summary.BurnoutPrevalence);
        }

        var definition = await DefaultSnapshot.DefineAsync(dataSource, "first-start", stoppingToken);
        var runId = await runs.QueueAsync(TrainingProblems.BurnoutDaily, null, System.Text.Json.JsonSerializer.SerializeToElement(definition, SnapshotJson.Options),
            [.. CandidateLearner.All.Select(c => c.Name)], "first-start", stoppingToken);
        signal.Notify();
        logger.LogInformation("First start: training run {RunId} queued for {Problem}.", runId, TrainingProblems.BurnoutDaily);
    }
}
