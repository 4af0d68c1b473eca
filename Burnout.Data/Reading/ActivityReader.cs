using Burnout.Features.Domain;
using Npgsql;

namespace Burnout.Data.Reading;

/// <summary>
/// Streams daily activity out of PostgreSQL in the order the feature pipeline needs: by student id in ordinal
/// order (COLLATE "C", the same order as <see cref="string.CompareOrdinal(string, string)"/>), then by day.
/// Rows are read one at a time, so a whole cohort never sits in memory.
/// </summary>
public static class ActivityReader
{
    /// <param name="cohort">Only students of this cohort; null for everyone.</param>
    /// <param name="through">Only days up to and including this one; null for all.</param>
    public static IEnumerable<DailyActivity> ReadSorted(NpgsqlConnection connection, string? cohort, DateOnly? through)
    {
        using var command = new NpgsqlCommand($"""
            SELECT a.student_id, a.day, a.logins, a.session_minutes, a.resources_accessed, a.forum_posts, a.clicks,
                   a.assignments_due, a.assignments_submitted, a.submission_delay_hours, a.late_night_share, a.weekend_share
            FROM daily_activity a
            {(cohort is null ? string.Empty : "JOIN students s ON s.student_id = a.student_id AND s.cohort = @cohort")}
            {(through is null ? string.Empty : "WHERE a.day <= @through")}
            ORDER BY a.student_id COLLATE "C", a.day
            """, connection);
        if (cohort is not null)
        {
            command.Parameters.AddWithValue("cohort", cohort);
        }

        if (through is { } last)
        {
            command.Parameters.AddWithValue("through", last);
        }

        using var reader = command.ExecuteReader();
        string? previousId = null;
        while (reader.Read())
        {
            // One string per student, not per row: the batch feature path tells students apart by reference.
            var id = reader.GetString(0);
            if (id != previousId)
            {
                previousId = id;
            }

            yield return new DailyActivity(
                previousId, reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2), reader.GetFloat(3), reader.GetInt32(4), reader.GetInt32(5),
                reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetFloat(9), reader.GetFloat(10), reader.GetFloat(11));
        }
    }

    /// <summary>Outcomes by student, for the students of a cohort (or everyone).</summary>
    public static async Task<Dictionary<string, StudentOutcome>> ReadOutcomesAsync(NpgsqlConnection connection, string? cohort, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT o.student_id, o.burnout_onset, o.withdrawal_date, o.final_result
            FROM outcomes o
            {(cohort is null ? string.Empty : "JOIN students s ON s.student_id = o.student_id AND s.cohort = @cohort")}
            """, connection);
        if (cohort is not null)
        {
            command.Parameters.AddWithValue("cohort", cohort);
        }

        var outcomes = new Dictionary<string, StudentOutcome>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            outcomes[id] = new StudentOutcome(
                id,
                reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : Enum.Parse<FinalResult>(reader.GetString(3)));
        }

        return outcomes;
    }
}
