namespace Burnout.Trainer.Runs;

/// <summary>
/// Trains queued runs one at a time (the machine's cores go to one run's learners). The queue is in PostgreSQL,
/// polled every few seconds and woken at once by <see cref="TrainingQueueSignal"/>; runs a stopped trainer left
/// running are queued again at start.
/// </summary>
public sealed class TrainingRunWorker(
    TrainingRunStore runs,
    TrainingRunner runner,
    TrainingQueueSignal signal,
    ILogger<TrainingRunWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requeued = await runs.RequeueInterruptedAsync(stoppingToken);
        if (requeued > 0)
        {
            logger.LogWarning("{Count} training run(s) were interrupted by a restart and are queued again.", requeued);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var run = await runs.ClaimNextAsync(stoppingToken);
            if (run is null)
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
                continue;
            }

            try
            {
                await runner.ExecuteAsync(run, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Left 'running': the next start queues it again.
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Training run {RunId} failed.", run.RunId);
                await runs.FailAsync(run.RunId, OneLine(e), stoppingToken);
            }
        }
    }

    /// <summary>The reason as a user reads it: the message of the innermost exception, on one line.</summary>
    private static string OneLine(Exception e) =>
        (e.GetBaseException().Message ?? e.GetType().Name).ReplaceLineEndings(" ");
}
