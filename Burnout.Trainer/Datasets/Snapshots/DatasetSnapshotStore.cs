using System.Text.Json;
using Burnout.Data.Reading;
using Burnout.Features.Daily;
using Burnout.Features.Labels;
using Burnout.Features.Snapshots;
using Burnout.Features.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Burnout.Trainer.Datasets.Snapshots;

/// <summary>
/// Materialises training sets from the activity in the database and keeps them as immutable, content-hashed
/// snapshots (what DVC did in the original plan). The same definition over the same data hashes the same, so
/// asking again returns the stored snapshot instead of a copy. The data validation report of the activity the
/// snapshot was built from is kept with it.
/// </summary>
public sealed class DatasetSnapshotStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The stored report is served as it is, so it is written in the APIs' snake_case.</summary>
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<SnapshotSummary> MaterializeAsync(SnapshotRequest request, CancellationToken cancellationToken)
    {
        var label = BurnoutOnsetLabel.Definition(request.HorizonDays);
        var definition = new DatasetDefinition(request.Name, DailyFeatures.Set.Key, label.Key, request.From, request.To, request.Cohort ?? "all");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        // The rows are read on their own connection while outcomes and the write use another.
        await using var readConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        var outcomes = await ActivityReader.ReadOutcomesAsync(readConnection, request.Cohort, cancellationToken);
        var observedThrough = await LatestDayAsync(readConnection, request.Cohort, cancellationToken) ?? request.To;

        var validation = new DataValidationReportBuilder(today);
        var rows = new List<DatasetRow>();
        DailyTrainingRows.Build(
            Observe(ActivityReader.ReadSorted(readConnection, request.Cohort, request.To), validation),
            outcomes,
            observedThrough,
            (studentId, day, features, value) =>
            {
                if (day >= request.From)
                {
                    rows.Add(new DatasetRow(studentId, day, features.ToArray(), value));
                }
            },
            request.HorizonDays);

        var hash = DatasetSnapshot.ComputeHash(definition, DailyFeatures.Set.Names, rows);
        var existing = await FindByHashAsync(hash, cancellationToken);
        if (existing is not null)
        {
            return existing with { Existing = true };
        }

        return await StoreAsync(definition, hash, rows, validation.Build(), cancellationToken);
    }

    public async Task<SnapshotSummary?> GetAsync(long snapshotId, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE snapshot_id = @id", cmd => cmd.Parameters.AddWithValue("id", snapshotId), cancellationToken)).FirstOrDefault();

    public Task<IReadOnlyList<SnapshotSummary>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync("ORDER BY snapshot_id DESC", _ => { }, cancellationToken);

    /// <summary>Writes the snapshot's rows as CSV in canonical order (the order its hash was computed in).</summary>
    public async Task ExportCsvAsync(SnapshotSummary snapshot, TextWriter writer, CancellationToken cancellationToken) =>
        DatasetSnapshot.WriteCsv(writer, snapshot.FeatureNames, await ReadRowsAsync(snapshot.SnapshotId, cancellationToken));

    /// <summary>The snapshot's rows, as they were stored.</summary>
    public async Task<IReadOnlyList<DatasetRow>> ReadRowsAsync(long snapshotId, CancellationToken cancellationToken)
    {
        var rows = new List<DatasetRow>();
        await using var command = dataSource.CreateCommand(
            "SELECT student_id, day, features, label FROM dataset_snapshot_rows WHERE snapshot_id = @id");
        command.Parameters.AddWithValue("id", snapshotId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DatasetRow(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<float[]>(2),
                reader.IsDBNull(3) ? null : reader.GetFloat(3)));
        }
        return rows;
    }

    private static IEnumerable<Features.Domain.DailyActivity> Observe(IEnumerable<Features.Domain.DailyActivity> rows, DataValidationReportBuilder validation)
    {
        foreach (var row in rows)
        {
            validation.Add(row);
            yield return row;
        }
    }

    private async Task<SnapshotSummary> StoreAsync(
        DatasetDefinition definition, string hash, List<DatasetRow> rows, DataValidationReport validation, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO dataset_snapshots (name, definition, feature_set, label, feature_names, content_hash, row_count, positive_count, validation)
            VALUES (@name, @definition, @featureSet, @label, @names, @hash, @rows, @positives, @validation)
            RETURNING snapshot_id
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("name", definition.Name);
            insert.Parameters.Add(new NpgsqlParameter("definition", NpgsqlDbType.Jsonb) { Value = definition.ToCanonicalJson() });
            insert.Parameters.AddWithValue("featureSet", definition.FeatureSet);
            insert.Parameters.AddWithValue("label", definition.Label);
            insert.Parameters.AddWithValue("names", DailyFeatures.Set.Names.ToArray());
            insert.Parameters.AddWithValue("hash", hash);
            insert.Parameters.AddWithValue("rows", (long)rows.Count);
            insert.Parameters.AddWithValue("positives", (long)rows.Count(r => r.Label == 1f));
            insert.Parameters.Add(new NpgsqlParameter("validation", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(validation, ReportJson) });
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY dataset_snapshot_rows (snapshot_id, student_id, day, features, label) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                importer.StartRow();
                importer.Write(id, NpgsqlDbType.Bigint);
                importer.Write(row.StudentId, NpgsqlDbType.Text);
                importer.Write(row.Day, NpgsqlDbType.Date);
                importer.Write(row.Features, NpgsqlDbType.Array | NpgsqlDbType.Real);
                if (row.Label is { } value)
                {
                    importer.Write(value, NpgsqlDbType.Real);
                }
                else
                {
                    importer.WriteNull();
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    private async Task<SnapshotSummary?> FindByHashAsync(string hash, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE content_hash = @hash", cmd => cmd.Parameters.AddWithValue("hash", hash), cancellationToken)).FirstOrDefault();

    private async Task<IReadOnlyList<SnapshotSummary>> QueryAsync(string clause, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT snapshot_id, name, feature_set, label, definition->>'population', (definition->>'from')::date, (definition->>'to')::date,
                   content_hash, row_count, positive_count, feature_names, validation::text, created_at
            FROM dataset_snapshots {clause}
            """);
        bind(command);
        var snapshots = new List<SnapshotSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            snapshots.Add(new SnapshotSummary(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6), reader.GetString(7), reader.GetInt64(8), reader.GetInt64(9),
                reader.GetFieldValue<string[]>(10), JsonDocument.Parse(reader.GetString(11)).RootElement.Clone(),
                reader.GetFieldValue<DateTimeOffset>(12), Existing: false));
        }

        return snapshots;
    }

    private static async Task<DateOnly?> LatestDayAsync(NpgsqlConnection connection, string? cohort, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(cohort is null
            ? "SELECT max(day) FROM daily_activity"
            : "SELECT max(a.day) FROM daily_activity a JOIN students s USING (student_id) WHERE s.cohort = @cohort", connection);
        if (cohort is not null)
        {
            command.Parameters.AddWithValue("cohort", cohort);
        }

        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DateOnly day ? day : null;
    }
}
