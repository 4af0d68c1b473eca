using System.Text.Json;
using Npgsql;

namespace Burnout.Trainer.Runs;

/// <summary>
/// Training runs in PostgreSQL: the queue (so a queued run survives a restart), their progress and log as they
/// train, and their results. Several trainers may share the database: claiming uses SKIP LOCKED.
/// </summary>
public sealed class TrainingRunStore(NpgsqlDataSource dataSource)
{
    // MLflow's run id is known once the outbox has delivered the run's StartRun (see RunTracking.RunKey).
    private const string Select = """
        SELECT r.run_id, r.problem, r.snapshot_id, r.candidates, r.reason, r.state, r.progress, r.log, r.metrics::text,
               r.comparison::text, r.model_version, r.error, r.created_at, r.started_at, r.finished_at, t.mlflow_run_id
        FROM training_runs r LEFT JOIN tracking_runs t ON t.run_key = 'training-run-' || r.run_id
        """;

    public async Task<long> QueueAsync(string problem, long? snapshotId, JsonElement? definition, IReadOnlyList<string> candidates, string reason, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO training_runs (problem, snapshot_id, definition, candidates, reason)
            VALUES (@problem, @snapshot, @definition::jsonb, @candidates, @reason) RETURNING run_id
            """);
        command.Parameters.AddWithValue("problem", problem);
        command.Parameters.AddWithValue("snapshot", (object?)snapshotId ?? DBNull.Value);
        command.Parameters.AddWithValue("definition", (object?)definition?.GetRawText() ?? DBNull.Value);
        command.Parameters.AddWithValue("candidates", candidates.ToArray());
        command.Parameters.AddWithValue("reason", reason);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Takes the oldest queued run and marks it running; null when nothing is queued.</summary>
    public async Task<ClaimedRun?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE training_runs SET state = 'running', started_at = now(), progress = 0
            WHERE run_id = (SELECT run_id FROM training_runs WHERE state = 'queued' ORDER BY run_id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING run_id, problem, snapshot_id, definition::text, candidates
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new ClaimedRun(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
            reader.IsDBNull(3) ? null : JsonDocument.Parse(reader.GetString(3)).RootElement.Clone(), reader.GetFieldValue<string[]>(4));
    }

    /// <summary>Runs a crashed or stopped trainer left running go back to the queue, to be trained again from the start.</summary>
    public async Task<int> RequeueInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE training_runs SET state = 'queued', progress = 0, started_at = NULL,
                log = log || ARRAY['Interrupted by a restart of the trainer; queued again.']
            WHERE state = 'running'
            """);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task ReportAsync(long runId, double progress, string line, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE training_runs SET progress = greatest(progress, @progress), log = log || ARRAY[@line] WHERE run_id = @run",
            cancellationToken, ("run", runId), ("progress", (float)Math.Clamp(progress, 0, 1)), ("line", line));

    public Task SetSnapshotAsync(long runId, long snapshotId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE training_runs SET snapshot_id = @snapshot WHERE run_id = @run", cancellationToken, ("run", runId), ("snapshot", snapshotId));

    public Task SucceedAsync(long runId, JsonElement metrics, JsonElement comparison, int modelVersion, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE training_runs SET state = 'succeeded', progress = 1, finished_at = now(),
                metrics = @metrics::jsonb, comparison = @comparison::jsonb, model_version = @version
            WHERE run_id = @run
            """, cancellationToken, ("run", runId), ("metrics", metrics.GetRawText()), ("comparison", comparison.GetRawText()), ("version", modelVersion));

    public Task FailAsync(long runId, string error, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE training_runs SET state = 'failed', finished_at = now(), error = @error, log = log || ARRAY['Failed: ' || @error] WHERE run_id = @run",
            cancellationToken, ("run", runId), ("error", error));

    public async Task<TrainingRun?> GetAsync(long runId, CancellationToken cancellationToken) =>
        (await QueryAsync($"{Select} WHERE r.run_id = @run", cancellationToken, ("run", runId))).SingleOrDefault();

    public Task<IReadOnlyList<TrainingRun>> ListAsync(int limit, CancellationToken cancellationToken) =>
        QueryAsync($"{Select} ORDER BY r.run_id DESC LIMIT @limit", cancellationToken, ("limit", limit));

    /// <summary>When the newest run of <paramref name="problem"/> was queued; null when there never was one.</summary>
    public async Task<DateTimeOffset?> LatestQueuedAtAsync(string problem, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT max(created_at) FROM training_runs WHERE problem = @problem");
        command.Parameters.AddWithValue("problem", problem);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    public async Task<bool> AnyAsync(string problem, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT 1 FROM training_runs WHERE problem = @problem LIMIT 1");
        command.Parameters.AddWithValue("problem", problem);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private async Task<IReadOnlyList<TrainingRun>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<TrainingRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new TrainingRun(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetFieldValue<string[]>(3),
                reader.GetString(4), reader.GetString(5), Math.Round(reader.GetFloat(6) * 100, 1), reader.GetFieldValue<string[]>(7),
                Json(reader, 8), Json(reader, 9), reader.IsDBNull(10) ? null : reader.GetInt32(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.GetFieldValue<DateTimeOffset>(12), Timestamp(reader, 13), Timestamp(reader, 14), reader.IsDBNull(15) ? null : reader.GetString(15)));
        }
        return runs;
    }

    private static JsonElement? Json(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonDocument.Parse(reader.GetString(ordinal)).RootElement.Clone();

    private static DateTimeOffset? Timestamp(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
