using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Burnout.Trainer.Tracking;

/// <summary>
/// The <c>tracking_outbox</c> table: every call for MLflow is written here first, so training goes on and nothing
/// is lost while MLflow is down or absent. <see cref="OutboxDispatcher"/> delivers the entries in id order.
/// </summary>
public sealed partial class TrackingOutbox(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>An arbitrary constant that names "tracking outbox enqueue" among advisory locks.</summary>
    private const long EnqueueLockKey = 0x6f7574626f78; // "outbox"

    /// <summary>
    /// Appends calls for one of our runs (e.g. <c>training-run-42</c>), in order, in one transaction. A log
    /// batch too large for one MLflow request becomes several entries. Keys and values MLflow would refuse are an
    /// <see cref="ArgumentException"/> here, and nothing is enqueued.
    /// </summary>
    public async Task EnqueueAsync(string runKey, IReadOnlyList<TrackingCall> calls, CancellationToken cancellationToken)
    {
        ValidateRunKey(runKey);
        var entries = calls.SelectMany(call => call is LogBatch batch ? LogBatchChunks.Split(batch) : (IReadOnlyList<TrackingCall>)[call]).ToList();
        var now = clock.GetUtcNow();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Ids come from a sequence when a row is inserted, not when it commits: without this lock a transaction
        // could commit a lower id after the dispatcher had delivered a higher one, and the order would be broken.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", EnqueueLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var call in entries)
        {
            var (json, content) = Serialize(call);
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO tracking_outbox (run_key, call_type, call, content, enqueued_at)
                VALUES (@run_key, @call_type, @call, @content, @enqueued_at)
                """);
            insert.Parameters.AddWithValue("run_key", runKey);
            insert.Parameters.AddWithValue("call_type", call.GetType().Name);
            insert.Parameters.AddWithValue("call", NpgsqlDbType.Jsonb, json);
            insert.Parameters.AddWithValue("content", NpgsqlDbType.Bytea, (object?)content ?? DBNull.Value);
            insert.Parameters.AddWithValue("enqueued_at", now);
            batch.BatchCommands.Add(insert);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<OutboxStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*)::int FROM tracking_outbox WHERE state = 'pending'),
                   (SELECT min(enqueued_at) FROM tracking_outbox WHERE state = 'pending'),
                   (SELECT last_error FROM tracking_outbox
                    WHERE state <> 'delivered' AND last_error IS NOT NULL
                    ORDER BY last_attempt_at DESC, entry_id DESC LIMIT 1)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var pending = reader.GetInt32(0);
        double? oldestAge = reader.IsDBNull(1)
            ? null
            : Math.Max(0, (clock.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1)).TotalSeconds);
        var lastError = reader.IsDBNull(2) ? null : reader.GetString(2);
        return new OutboxStatus(pending, oldestAge, lastError);
    }

    /// <summary>The first pending entries in delivery order.</summary>
    internal static async Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT entry_id, run_key, call::text, content, attempts FROM tracking_outbox
            WHERE state = 'pending' ORDER BY entry_id LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var call = Deserialize(reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3));
            entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), call, reader.GetInt32(4)));
        }

        return entries;
    }

    internal async Task MarkDeliveredAsync(NpgsqlTransaction transaction, OutboxEntry entry, CancellationToken cancellationToken) =>
        await UpdateAsync(transaction.Connection!, transaction, entry, "delivered", error: null, cancellationToken);

    /// <summary>A transient failure: the entry stays pending, first in line, with the attempt counted.</summary>
    internal async Task RecordRetryAsync(NpgsqlConnection connection, OutboxEntry entry, string error, CancellationToken cancellationToken) =>
        await UpdateAsync(connection, transaction: null, entry, "pending", error, cancellationToken);

    /// <summary>A permanent failure: the entry is given up on, so that the ones behind it can go.</summary>
    internal async Task MarkFailedAsync(NpgsqlConnection connection, OutboxEntry entry, string error, CancellationToken cancellationToken) =>
        await UpdateAsync(connection, transaction: null, entry, "failed", error, cancellationToken);

    private async Task UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, OutboxEntry entry, string state, string? error, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE tracking_outbox
            SET state = @state, attempts = attempts + 1, last_error = coalesce(@error, last_error), last_attempt_at = @now,
                delivered_at = CASE WHEN @state = 'delivered' THEN @now END
            WHERE entry_id = @entry_id
            """, connection, transaction);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.AddWithValue("error", NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("entry_id", entry.EntryId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // An artifact's bytes go to the bytea column rather than into the JSON as base64.
    private static (string Json, byte[]? Content) Serialize(TrackingCall call) => call is UploadArtifact upload
        ? (JsonSerializer.Serialize(upload with { Content = [] }, TrackingJson.Default.TrackingCall), upload.Content)
        : (JsonSerializer.Serialize(call, TrackingJson.Default.TrackingCall), null);

    private static TrackingCall Deserialize(string json, byte[]? content)
    {
        var call = JsonSerializer.Deserialize(json, TrackingJson.Default.TrackingCall)
            ?? throw new InvalidOperationException("An outbox entry holds a null call.");
        return call is UploadArtifact upload ? upload with { Content = content ?? [] } : call;
    }

    private static void ValidateRunKey(string runKey)
    {
        // The key is matched in an MLflow search filter, which has no escape for quotes.
        if (!RunKeyCharacters().IsMatch(runKey))
        {
            throw new ArgumentException($"The run key '{runKey}' must be 1 to 200 letters, digits and '_', '-', '.', ':', '/'.", nameof(runKey));
        }
    }

    [GeneratedRegex(@"^[\w.\-:/]{1,200}$")]
    private static partial Regex RunKeyCharacters();
}
