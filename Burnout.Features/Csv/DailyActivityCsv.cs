using System.Globalization;
using Burnout.Features.Domain;

namespace Burnout.Features.Csv;

/// <summary>
/// <c>daily_activity.csv</c>: one row per student per day, invariant culture, ISO dates, floats in round-trip form.
/// Reading back what was written gives equal records.
/// </summary>
public static class DailyActivityCsv
{
    public const string Header =
        "student_id,day,logins,session_minutes,resources_accessed,forum_posts,clicks,assignments_due,assignments_submitted,submission_delay_hours,late_night_share,weekend_share";

    private const int ColumnCount = 12;

    /// <summary>Longest possible line: the id plus 11 numbers of at most 16 characters each.</summary>
    internal static int MaxLineLength(string studentId) => studentId.Length + 11 + (11 * 16) + 2;

    public static void WriteHeader(TextWriter writer) => writer.WriteLine(Header);

    /// <summary>Writes one row; <paramref name="buffer"/> is scratch space reused between calls.</summary>
    public static void Write(TextWriter writer, DailyActivity row, ref char[] buffer)
    {
        var needed = MaxLineLength(row.StudentId);
        if (buffer.Length < needed)
        {
            buffer = new char[needed * 2];
        }

        var length = Format(buffer, row);
        writer.Write(buffer, 0, length);
    }

    internal static int Format(Span<char> b, DailyActivity row)
    {
        var n = 0;
        CsvFormat.Append(b, ref n, row.StudentId);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.Day);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.Logins);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.SessionMinutes);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.ResourcesAccessed);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.ForumPosts);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.Clicks);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.AssignmentsDue);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.AssignmentsSubmitted);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.SubmissionDelayHours);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.LateNightShare);
        CsvFormat.Comma(b, ref n);
        CsvFormat.Append(b, ref n, row.WeekendShare);
        b[n++] = '\n';
        return n;
    }

    /// <summary>
    /// Streams the rows of a <c>daily_activity.csv</c>. Consecutive rows of one student share one id string.
    /// Throws <see cref="FormatException"/> naming the line and column of the first malformed value.
    /// </summary>
    public static IEnumerable<DailyActivity> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!CsvFormat.ReadHeader(reader, Header))
        {
            yield break;
        }

        var lineNumber = 1;
        string? previousId = null;
        var ranges = new Range[ColumnCount + 1];
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            yield return Parse(line, lineNumber, ranges, ref previousId);
        }
    }

    private static DailyActivity Parse(string line, int lineNumber, Range[] ranges, ref string? previousId)
    {
        var span = line.AsSpan().TrimEnd('\r');
        if (span.Split(ranges, ',') != ColumnCount)
        {
            throw new FormatException($"Line {lineNumber}: expected {ColumnCount} columns.");
        }

        var id = span[ranges[0]];
        if (previousId is null || !id.SequenceEqual(previousId))
        {
            previousId = id.ToString();
        }

        return new DailyActivity(
            previousId,
            ParseDate(span[ranges[1]], lineNumber),
            ParseInt(span[ranges[2]], lineNumber, "logins"),
            ParseFloat(span[ranges[3]], lineNumber, "session_minutes"),
            ParseInt(span[ranges[4]], lineNumber, "resources_accessed"),
            ParseInt(span[ranges[5]], lineNumber, "forum_posts"),
            ParseInt(span[ranges[6]], lineNumber, "clicks"),
            ParseInt(span[ranges[7]], lineNumber, "assignments_due"),
            ParseInt(span[ranges[8]], lineNumber, "assignments_submitted"),
            ParseFloat(span[ranges[9]], lineNumber, "submission_delay_hours"),
            ParseFloat(span[ranges[10]], lineNumber, "late_night_share"),
            ParseFloat(span[ranges[11]], lineNumber, "weekend_share"));
    }

    private static DateOnly ParseDate(ReadOnlySpan<char> s, int line) =>
        DateOnly.TryParseExact(s, CsvFormat.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"Line {line}, column day: '{s}' is not a yyyy-MM-dd date.");

    private static int ParseInt(ReadOnlySpan<char> s, int line, string column) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"Line {line}, column {column}: '{s}' is not a whole number.");

    private static float ParseFloat(ReadOnlySpan<char> s, int line, string column) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"Line {line}, column {column}: '{s}' is not a number.");
}
