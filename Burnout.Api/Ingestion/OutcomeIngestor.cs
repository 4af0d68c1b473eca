using Burnout.Features.Domain;
using Burnout.Features.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Burnout.Api.Ingestion;

/// <summary>
/// Stores outcomes (burnout onset, withdrawal, final result), which arrive weeks after the activity. Like activity,
/// a batch is all-or-nothing, and sending it twice changes nothing. Outcome batches are small (one row per
/// student), so they are checked in memory and merged with one statement over arrays.
/// </summary>
public sealed class OutcomeIngestor(NpgsqlDataSource dataSource, TimeProvider clock)
{
    internal async Task<IngestionResult> IngestAsync(IReadOnlyList<StudentOutcome> outcomes, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var problems = new List<RowProblem>();
        var firstRowByStudent = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var row = i;
            var outcome = outcomes[i];
            if (string.IsNullOrWhiteSpace(outcome.StudentId))
            {
                problems.Add(new RowProblem(row, null, "student_id", "is empty"));
                continue;
            }

            if (!firstRowByStudent.TryAdd(outcome.StudentId, row))
            {
                problems.Add(new RowProblem(row, outcome.StudentId, "student_id",
                    $"duplicate key '{outcome.StudentId}' within the batch; already in row {firstRowByStudent[outcome.StudentId]}"));
            }

            NotInFuture(row, outcome.StudentId, "burnout_onset", outcome.BurnoutOnset);
            NotInFuture(row, outcome.StudentId, "withdrawal_date", outcome.WithdrawalDate);
            if (outcome.FinalResult is not (null or FinalResult.Withdrawn) && outcome.WithdrawalDate is not null)
            {
                problems.Add(new RowProblem(row, outcome.StudentId, "final_result",
                    $"is {outcome.FinalResult} but the student has a withdrawal date"));
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (problems.Count == 0)
        {
            problems.AddRange(await FindUnknownStudentsAsync(connection, firstRowByStudent, cancellationToken));
        }

        if (problems.Count > 0)
        {
            return new IngestionResult(outcomes.Count, 0, 0, problems.Take(IngestionResult.MaxListedProblems).ToArray());
        }

        await using var merge = new NpgsqlCommand("""
            INSERT INTO outcomes AS t (student_id, burnout_onset, withdrawal_date, final_result)
            SELECT * FROM unnest(@ids, @onsets, @withdrawals, @results)
            ON CONFLICT (student_id) DO UPDATE SET
                burnout_onset = excluded.burnout_onset,
                withdrawal_date = excluded.withdrawal_date,
                final_result = excluded.final_result,
                updated_at = now()
            WHERE (t.burnout_onset, t.withdrawal_date, t.final_result)
                  IS DISTINCT FROM (excluded.burnout_onset, excluded.withdrawal_date, excluded.final_result)
            """, connection, transaction);
        merge.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => o.StudentId).ToArray() });
        merge.Parameters.Add(new NpgsqlParameter("onsets", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = outcomes.Select(o => (object?)o.BurnoutOnset ?? DBNull.Value).ToArray() });
        merge.Parameters.Add(new NpgsqlParameter("withdrawals", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = outcomes.Select(o => (object?)o.WithdrawalDate ?? DBNull.Value).ToArray() });
        merge.Parameters.Add(new NpgsqlParameter("results", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = outcomes.Select(o => (object?)o.FinalResult?.ToString() ?? DBNull.Value).ToArray() });
        var stored = await merge.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IngestionResult(outcomes.Count, stored, 0, []);

        void NotInFuture(int row, string studentId, string field, DateOnly? day)
        {
            if (day > today)
            {
                problems.Add(new RowProblem(row, studentId, field, $"{day:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})"));
            }
        }
    }

    private static async Task<IEnumerable<RowProblem>> FindUnknownStudentsAsync(
        NpgsqlConnection connection, Dictionary<string, int> rowByStudent, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id FROM unnest(@ids) AS id WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.student_id = id)", connection);
        command.Parameters.AddWithValue("ids", rowByStudent.Keys.ToArray());
        var unknown = new List<RowProblem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            unknown.Add(new RowProblem(rowByStudent[id], id, "student_id", $"unknown student '{id}'"));
        }

        return unknown.OrderBy(p => p.Row);
    }
}
