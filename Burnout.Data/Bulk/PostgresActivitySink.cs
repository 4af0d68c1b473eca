using Burnout.Features.Domain;
using Burnout.Features.Simulation;
using Npgsql;
using NpgsqlTypes;

namespace Burnout.Data.Bulk;

/// <summary>
/// Writes a generated (or imported) cohort straight into the platform tables with binary COPY, inside one
/// transaction: either the whole cohort lands or none of it does. A cohort that is written again replaces the
/// earlier copy (its students are deleted first, and their activity and outcomes with them), so generating with
/// the same seed twice leaves the same rows.
/// </summary>
public sealed class PostgresActivitySink : IActivitySink, IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _source;
    private readonly bool _ownsTransaction;
    private readonly HashSet<string> _replacedCohorts = new(StringComparer.Ordinal);
    private bool _completed;

    private PostgresActivitySink(NpgsqlConnection connection, NpgsqlTransaction transaction, string source, bool ownsTransaction)
    {
        _connection = connection;
        _transaction = transaction;
        _source = source;
        _ownsTransaction = ownsTransaction;
    }

    /// <param name="source">Recorded on every student: simulator, oulad, ...</param>
    public static async Task<PostgresActivitySink> OpenAsync(NpgsqlDataSource dataSource, string source, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return new PostgresActivitySink(connection, transaction, source, ownsTransaction: true);
    }

    /// <summary>A sink that writes inside a caller's transaction; the caller commits (or not), and disposes.</summary>
    public static PostgresActivitySink Within(NpgsqlConnection connection, NpgsqlTransaction transaction, string source) =>
        new(connection, transaction, source, ownsTransaction: false);

    public async ValueTask WriteStudentsAsync(IReadOnlyList<Student> students, CancellationToken cancellationToken)
    {
        var cohorts = students.Select(s => s.Cohort).Where(_replacedCohorts.Add).ToArray();
        if (cohorts.Length > 0)
        {
            await using var delete = new NpgsqlCommand("DELETE FROM students WHERE cohort = ANY(@cohorts)", _connection, _transaction);
            delete.Parameters.AddWithValue("cohorts", cohorts);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var importer = await _connection.BeginBinaryImportAsync(
            "COPY students (student_id, cohort, start_date, gender, age_band, region, imd_band, highest_education, disability, source) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var student in students)
        {
            var d = student.Demographics;
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(student.StudentId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(student.Cohort, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(student.StartDate, NpgsqlDbType.Date, cancellationToken);
            await WriteNullableAsync(importer, d?.Gender, cancellationToken);
            await WriteNullableAsync(importer, d?.AgeBand, cancellationToken);
            await WriteNullableAsync(importer, d?.Region, cancellationToken);
            await WriteNullableAsync(importer, d?.ImdBand, cancellationToken);
            await WriteNullableAsync(importer, d?.HighestEducation, cancellationToken);
            if (d?.Disability is { } disability)
            {
                await importer.WriteAsync(disability, NpgsqlDbType.Boolean, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }

            await importer.WriteAsync(_source, NpgsqlDbType.Text, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public async ValueTask WriteActivityAsync(IReadOnlyList<DailyActivity> rows, CancellationToken cancellationToken)
    {
        await using var importer = await _connection.BeginBinaryImportAsync(
            """
            COPY daily_activity (student_id, day, logins, session_minutes, resources_accessed, forum_posts, clicks,
                                 assignments_due, assignments_submitted, submission_delay_hours, late_night_share, weekend_share)
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken);
        foreach (var row in rows)
        {
            // The synchronous writes are deliberate: Npgsql buffers them, and the async overloads cost a state
            // machine per cell on the 10-million-row path without ever waiting on I/O here.
            importer.StartRow();
            importer.Write(row.StudentId, NpgsqlDbType.Text);
            importer.Write(row.Day, NpgsqlDbType.Date);
            importer.Write(row.Logins, NpgsqlDbType.Integer);
            importer.Write(row.SessionMinutes, NpgsqlDbType.Real);
            importer.Write(row.ResourcesAccessed, NpgsqlDbType.Integer);
            importer.Write(row.ForumPosts, NpgsqlDbType.Integer);
            importer.Write(row.Clicks, NpgsqlDbType.Integer);
            importer.Write(row.AssignmentsDue, NpgsqlDbType.Integer);
            importer.Write(row.AssignmentsSubmitted, NpgsqlDbType.Integer);
            importer.Write(row.SubmissionDelayHours, NpgsqlDbType.Real);
            importer.Write(row.LateNightShare, NpgsqlDbType.Real);
            importer.Write(row.WeekendShare, NpgsqlDbType.Real);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public async ValueTask WriteOutcomesAsync(IReadOnlyList<StudentOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var importer = await _connection.BeginBinaryImportAsync(
            "COPY outcomes (student_id, burnout_onset, withdrawal_date, final_result) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var outcome in outcomes)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(outcome.StudentId, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, outcome.BurnoutOnset, cancellationToken);
            await WriteNullableAsync(importer, outcome.WithdrawalDate, cancellationToken);
            await WriteNullableAsync(importer, outcome.FinalResult?.ToString(), cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_ownsTransaction)
        {
            await _transaction.CommitAsync(cancellationToken);
        }

        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ownsTransaction)
        {
            return;
        }

        if (!_completed)
        {
            await _transaction.RollbackAsync();
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, DateOnly? value, CancellationToken cancellationToken)
    {
        if (value is { } day)
        {
            await importer.WriteAsync(day, NpgsqlDbType.Date, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }
}
