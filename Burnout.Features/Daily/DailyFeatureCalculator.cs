using Burnout.Features.Domain;

namespace Burnout.Features.Daily;

/// <summary>Receives the features of one student-day from the batch path. The span is reused: copy what you keep.</summary>
public delegate void DailyFeatureHandler(string studentId, DateOnly day, ReadOnlySpan<float> features);

/// <summary>
/// The one implementation of <see cref="DailyFeatures.Set"/> (<c>daily-13@1</c>), used by the trainer and the API.
/// <see cref="Compute(IReadOnlyList{DailyActivity}, DateOnly)"/> serves one student as of one day;
/// <see cref="ComputeBatch"/> walks a sorted stream of every student's rows in O(rows). Both give identical values.
/// Rows after the as-of day are never read.
/// </summary>
public static class DailyFeatureCalculator
{
    /// <summary>
    /// The features of one student as of <paramref name="asOf"/> (inclusive). <paramref name="history"/> holds that
    /// student's rows in any order; only the <see cref="DailyFeatures.LookbackDays"/> days up to <paramref name="asOf"/>
    /// are read, and rows after it are ignored. A day without a row means no activity.
    /// </summary>
    public static float[] Compute(IReadOnlyList<DailyActivity> history, DateOnly asOf)
    {
        var features = new float[DailyFeatures.Count];
        Compute(history, asOf, features);
        return features;
    }

    /// <inheritdoc cref="Compute(IReadOnlyList{DailyActivity}, DateOnly)"/>
    public static void Compute(IReadOnlyList<DailyActivity> history, DateOnly asOf, Span<float> features)
    {
        ArgumentNullException.ThrowIfNull(history);
        var first = asOf.DayNumber - DailyFeatures.LookbackDays + 1;
        var byDay = new DailyActivity?[DailyFeatures.LookbackDays];
        string? studentId = null;
        foreach (var row in history)
        {
            if (studentId is null)
            {
                studentId = row.StudentId;
            }
            else if (!string.Equals(studentId, row.StudentId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"History mixes students '{studentId}' and '{row.StudentId}'.", nameof(history));
            }

            var offset = row.Day.DayNumber - first;
            if (offset < 0 || offset >= DailyFeatures.LookbackDays)
            {
                continue;
            }

            if (byDay[offset] is not null)
            {
                throw new ArgumentException($"Student '{row.StudentId}' has two rows for {row.Day:yyyy-MM-dd}.", nameof(history));
            }

            byDay[offset] = row;
        }

        var window = new DailyFeatureWindow();
        for (var i = 0; i < byDay.Length; i++)
        {
            window.Push(first + i, byDay[i]);
        }

        window.Compute(features);
    }

    /// <summary>
    /// Computes the features for every student-day of a stream grouped by student and sorted by day within a
    /// student (the order the simulator and the CSV export produce). For each student, every calendar day from
    /// their first row to their last row is emitted, days without a row counting as inactive; with
    /// <paramref name="through"/> set, every student is carried on to that day. Throws when the stream is not
    /// grouped and sorted, or holds a duplicate (student, day).
    /// </summary>
    /// <returns>The number of student-days emitted.</returns>
    public static long ComputeBatch(IEnumerable<DailyActivity> sortedRows, DailyFeatureHandler handler, DateOnly? through = null)
    {
        ArgumentNullException.ThrowIfNull(sortedRows);
        ArgumentNullException.ThrowIfNull(handler);
        var window = new DailyFeatureWindow();
        Span<float> features = stackalloc float[DailyFeatures.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var nextDay = 0;
        long emitted = 0;

        foreach (var row in sortedRows)
        {
            if (!ReferenceEquals(row.StudentId, current) && !string.Equals(row.StudentId, current, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    emitted += CarryOn(window, current, nextDay, through, handler, features);
                }

                if (!seen.Add(row.StudentId))
                {
                    throw new ArgumentException($"Rows are not grouped by student: '{row.StudentId}' appears again after other students.", nameof(sortedRows));
                }

                current = row.StudentId;
                window.Reset();
                nextDay = row.Day.DayNumber;
            }

            var day = row.Day.DayNumber;
            if (day < nextDay)
            {
                throw new ArgumentException(
                    $"Rows of student '{row.StudentId}' are not sorted by day or repeat a day: {row.Day:yyyy-MM-dd} after {DateOnly.FromDayNumber(nextDay - 1):yyyy-MM-dd}.",
                    nameof(sortedRows));
            }

            for (; nextDay < day; nextDay++)
            {
                window.Push(nextDay, null);
                window.Compute(features);
                handler(current!, DateOnly.FromDayNumber(nextDay), features);
                emitted++;
            }

            window.Push(day, row);
            window.Compute(features);
            handler(current!, row.Day, features);
            emitted++;
            nextDay = day + 1;
        }

        if (current is not null)
        {
            emitted += CarryOn(window, current, nextDay, through, handler, features);
        }

        return emitted;
    }

    private static long CarryOn(DailyFeatureWindow window, string studentId, int nextDay, DateOnly? through, DailyFeatureHandler handler, Span<float> features)
    {
        if (through is null)
        {
            return 0;
        }

        long emitted = 0;
        for (; nextDay <= through.Value.DayNumber; nextDay++)
        {
            window.Push(nextDay, null);
            window.Compute(features);
            handler(studentId, DateOnly.FromDayNumber(nextDay), features);
            emitted++;
        }

        return emitted;
    }
}
