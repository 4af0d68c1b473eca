using Burnout.Features.Domain;
using Burnout.Features.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Burnout.Api.Ingestion;

/// <summary>
/// Stages a batch of activity rows in a temporary table inside the caller's transaction, so that a batch of any
/// size is checked and merged without being held in memory: rows stream in through binary COPY, the checks that
/// need the whole batch or the database (duplicate keys, unknown students) run as set queries, and the merge is
/// one <c>INSERT ... ON CONFLICT</c>. If anything is wrong the caller rolls back and the tables are untouched.
/// </summary>
internal sealed class ActivityStaging : IAsyncDisposable
{
    private const string Table = "activity_staging";

    private readonly NpgsqlBinaryImporter _importer;
    private long _rows;

    private ActivityStaging(NpgsqlBinaryImporter importer) => _importer = importer;

    public long Rows => _rows;

    public static async Task<ActivityStaging> BeginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand($"""
            CREATE TEMP TABLE {Table} (
                row_number bigint NOT NULL,
                student_id text NOT NULL,
                day date NOT NULL,
                logins integer NOT NULL,
                session_minutes real NOT NULL,
                resources_accessed integer NOT NULL,
                forum_posts integer NOT NULL,
                clicks integer NOT NULL,
                assignments_due integer NOT NULL,
                assignments_submitted integer NOT NULL,
                submission_delay_hours real NOT NULL,
                late_night_share real NOT NULL,
                weekend_share real NOT NULL
            ) ON COMMIT DROP
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var importer = await connection.BeginBinaryImportAsync($"""
            COPY {Table} (row_number, student_id, day, logins, session_minutes, resources_accessed, forum_posts, clicks,
                          assignments_due, assignments_submitted, submission_delay_hours, late_night_share, weekend_share)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        return new ActivityStaging(importer);
    }

    public async Task WriteAsync(long rowNumber, DailyActivity row, CancellationToken cancellationToken)
    {
        await _importer.StartRowAsync(cancellationToken);
        await _importer.WriteAsync(rowNumber, NpgsqlDbType.Bigint, cancellationToken);
        await _importer.WriteAsync(row.StudentId, NpgsqlDbType.Text, cancellationToken);
        await _importer.WriteAsync(row.Day, NpgsqlDbType.Date, cancellationToken);
        await _importer.WriteAsync(row.Logins, NpgsqlDbType.Integer, cancellationToken);
        await _importer.WriteAsync(row.SessionMinutes, NpgsqlDbType.Real, cancellationToken);
        await _importer.WriteAsync(row.ResourcesAccessed, NpgsqlDbType.Integer, cancellationToken);
        await _importer.WriteAsync(row.ForumPosts, NpgsqlDbType.Integer, cancellationToken);
        await _importer.WriteAsync(row.Clicks, NpgsqlDbType.Integer, cancellationToken);
        await _importer.WriteAsync(row.AssignmentsDue, NpgsqlDbType.Integer, cancellationToken);
        await _importer.WriteAsync(row.AssignmentsSubmitted, NpgsqlDbType.Integer, cancellationToken);
        await _importer.WriteAsync(row.SubmissionDelayHours, NpgsqlDbType.Real, cancellationToken);
        await _importer.WriteAsync(row.LateNightShare, NpgsqlDbType.Real, cancellationToken);
        await _importer.WriteAsync(row.WeekendShare, NpgsqlDbType.Real, cancellationToken);
        _rows++;
    }

    /// <summary>Ends the COPY. Call before any of the set checks.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _importer.CompleteAsync(cancellationToken);
        await _importer.DisposeAsync();
    }

    /// <summary>Rows whose (student, day) appears more than once in the batch; every occurrence after the first is a problem.</summary>
    public static Task<List<RowProblem>> FindDuplicateKeysAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken) =>
        QueryProblemsAsync(connection, $"""
            SELECT row_number, student_id, 'day',
                   'duplicate key (' || student_id || ', ' || day || ') within the batch'
            FROM (
                SELECT row_number, student_id, day,
                       min(row_number) OVER (PARTITION BY student_id, day) AS first_row
                FROM {Table}
            ) keyed
            WHERE row_number <> first_row
            ORDER BY row_number
            LIMIT @limit
            """, limit, cancellationToken);

    /// <summary>Rows naming a student the database does not know (when the caller does not create students).</summary>
    public static Task<List<RowProblem>> FindUnknownStudentsAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken) =>
        QueryProblemsAsync(connection, $"""
            SELECT s.row_number, s.student_id, 'student_id',
                   'unknown student ''' || s.student_id || ''' (auto-create is off)'
            FROM {Table} s
            WHERE NOT EXISTS (SELECT 1 FROM students st WHERE st.student_id = s.student_id)
            ORDER BY s.row_number
            LIMIT @limit
            """, limit, cancellationToken);

    /// <summary>Registers every unknown student of the batch, starting on the first day they appear.</summary>
    public static async Task<long> CreateMissingStudentsAsync(NpgsqlConnection connection, string cohort, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO students (student_id, cohort, start_date, source)
            SELECT student_id, @cohort, min(day), 'api'
            FROM {Table}
            GROUP BY student_id
            ON CONFLICT (student_id) DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("cohort", cohort);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Upserts the staged rows: a (student, day) that exists is replaced, so the same batch twice changes nothing.</summary>
    public static async Task<long> MergeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // IS DISTINCT FROM keeps a repeated batch from touching rows (and ingested_at) it would not change.
        await using var command = new NpgsqlCommand($"""
            INSERT INTO daily_activity AS t (student_id, day, logins, session_minutes, resources_accessed, forum_posts, clicks,
                                             assignments_due, assignments_submitted, submission_delay_hours,
                                             late_night_share, weekend_share)
            SELECT student_id, day, logins, session_minutes, resources_accessed, forum_posts, clicks,
                   assignments_due, assignments_submitted, submission_delay_hours, late_night_share, weekend_share
            FROM {Table}
            ON CONFLICT (student_id, day) DO UPDATE SET
                logins = excluded.logins,
                session_minutes = excluded.session_minutes,
                resources_accessed = excluded.resources_accessed,
                forum_posts = excluded.forum_posts,
                clicks = excluded.clicks,
                assignments_due = excluded.assignments_due,
                assignments_submitted = excluded.assignments_submitted,
                submission_delay_hours = excluded.submission_delay_hours,
                late_night_share = excluded.late_night_share,
                weekend_share = excluded.weekend_share,
                ingested_at = now()
            WHERE (t.logins, t.session_minutes, t.resources_accessed, t.forum_posts, t.clicks, t.assignments_due,
                   t.assignments_submitted, t.submission_delay_hours, t.late_night_share, t.weekend_share)
                  IS DISTINCT FROM
                  (excluded.logins, excluded.session_minutes, excluded.resources_accessed, excluded.forum_posts, excluded.clicks,
                   excluded.assignments_due, excluded.assignments_submitted, excluded.submission_delay_hours,
                   excluded.late_night_share, excluded.weekend_share)
            """, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<RowProblem>> QueryProblemsAsync(NpgsqlConnection connection, string sql, int limit, CancellationToken cancellationToken)
    {
        var problems = new List<RowProblem>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            problems.Add(new RowProblem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return problems;
    }

    public async ValueTask DisposeAsync() => await _importer.DisposeAsync();
}
