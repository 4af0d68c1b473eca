using Burnout.Trainer.Tracking.Mlflow;
using Npgsql;

namespace Burnout.Trainer.Tracking;

/// <summary>
/// Delivers the tracking outbox to MLflow strictly in enqueue order. A transient failure stops the pass at that
/// entry, which is retried with exponential backoff; a permanent one marks the entry failed, so that it cannot
/// block the queue, and the pass goes on. An entry is marked delivered only after MLflow accepted it.
/// <para>
/// What is exactly-once and what is not: every entry is one MLflow request (log batches are split at enqueue),
/// and it is resent only if the trainer stops between MLflow's answer and the commit of the delivered mark.
/// In that window a StartRun finds its run again by the <c>burnout.run_key</c> tag, params and tags are
/// idempotent in MLflow, and a FinishRun, a dataset input, an artifact or an alias rewrite the same thing.
/// Two things remain at-least-once there: a metric batch (MLflow appends, so its values would appear twice)
/// and a RegisterModelVersion (MLflow would number a second version of the same source; the map keeps the
/// one whose delivery committed, and every later resend and alias uses that one).
/// </para>
/// </summary>
/// <param name="createClient">A client on MLflow for one pass; null when no <c>MLFLOW_TRACKING_URI</c> is configured, and then entries wait.</param>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    TrackingOutbox outbox,
    Func<MlflowClient>? createClient,
    OutboxDispatcherOptions options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>An arbitrary constant that names "tracking outbox delivery" among advisory locks.</summary>
    private const long DeliveryLockKey = 0x64656c69766572; // "deliver"

    /// <summary>
    /// One pass: delivers pending entries in order until the outbox is empty or MLflow fails transiently. Only
    /// one pass runs at a time across all trainers (a PostgreSQL advisory lock), so two never send the same entry.
    /// </summary>
    public async Task<OutboxPass> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        if (createClient is null)
        {
            return OutboxPass.NotDelivering("No MLflow is configured (MLFLOW_TRACKING_URI is not set).");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await AdvisoryLockAsync(connection, "pg_try_advisory_lock", cancellationToken))
        {
            return OutboxPass.NotDelivering("Another dispatcher is delivering the outbox.");
        }

        try
        {
            return await DeliverAsync(connection, new MlflowCallSender(createClient(), connection), cancellationToken);
        }
        finally
        {
            await AdvisoryLockAsync(connection, "pg_advisory_unlock", CancellationToken.None);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (createClient is null)
        {
            LogNoMlflow(logger);
            return;
        }

        var failuresInARow = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pass = await DeliverPendingAsync(stoppingToken);
                failuresInARow = pass.BlockedBy is null ? 0 : failuresInARow + 1;
                if (pass.BlockedBy is not null)
                {
                    LogBlocked(logger, failuresInARow, pass.BlockedBy);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The outbox itself is unreachable: nothing was marked, so the next pass starts where this one did.
                failuresInARow++;
                LogDatabaseFailed(logger, e);
            }

            var wait = failuresInARow == 0 ? options.PollInterval : options.RetryDelay(failuresInARow);
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<OutboxPass> DeliverAsync(NpgsqlConnection connection, MlflowCallSender sender, CancellationToken cancellationToken)
    {
        var delivered = 0;
        var failed = 0;
        while (true)
        {
            var entries = await TrackingOutbox.ReadPendingAsync(connection, options.BatchSize, cancellationToken);
            if (entries.Count == 0)
            {
                return new OutboxPass(delivered, failed, BlockedBy: null);
            }

            foreach (var entry in entries)
            {
                MlflowIds? ids;
                try
                {
                    ids = await sender.SendAsync(entry, cancellationToken);
                }
                catch (MlflowException e) when (e.IsTransient)
                {
                    var error = $"{entry.Describe()}, attempt {entry.Attempts + 1}: {e.Message}";
                    await outbox.RecordRetryAsync(connection, entry, error, cancellationToken);
                    return new OutboxPass(delivered, failed, error);
                }
                catch (Exception e) when (e is MlflowException or OutboxDeliveryException or ArgumentException or NotSupportedException)
                {
                    var error = $"{entry.Describe()} failed for good: {e.Message}";
                    await outbox.MarkFailedAsync(connection, entry, error, cancellationToken);
                    LogFailed(logger, error);
                    failed++;
                    continue;
                }

                // MLflow accepted it. Not cancellable from here: an accepted call left unmarked would be sent again.
                await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
                if (ids is not null)
                {
                    await MlflowIdMap.SaveAsync(transaction, ids, CancellationToken.None);
                }

                await outbox.MarkDeliveredAsync(transaction, entry, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
                delivered++;
            }
        }
    }

    private static async Task<bool> AdvisoryLockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(@key)", connection);
        command.Parameters.AddWithValue("key", DeliveryLockKey);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No MLFLOW_TRACKING_URI is configured: tracking calls are kept in the outbox and not delivered until MLflow is configured.")]
    private static partial void LogNoMlflow(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLflow did not take the tracking outbox ({FailuresInARow} failures in a row); retrying with backoff: {Error}")]
    private static partial void LogBlocked(ILogger logger, int failuresInARow, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A tracking call was given up on: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tracking outbox could not be read or written; retrying with backoff.")]
    private static partial void LogDatabaseFailed(ILogger logger, Exception exception);
}
