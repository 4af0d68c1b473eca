namespace Burnout.Trainer.Training;

/// <summary>How early the model flags students who burn out: the reason the product exists.</summary>
/// <param name="AlertThreshold">The probability at which an alert fires: it flags at most <see cref="LeadTimeAnalysis.FalseAlarmBudget"/> of the student-days of students who never burn out.</param>
/// <param name="FalseAlarmRate">The share of those student-days it really flags.</param>
/// <param name="BurnoutStudents">Held-out students whose onset falls inside the data.</param>
/// <param name="FlaggedInWindow">The share of them flagged on at least one day 14-28 days before onset.</param>
/// <param name="FlaggedByDaysBefore">For d = 1..28, the share of them flagged exactly d days before onset.</param>
public sealed record LeadTimeReport(
    double AlertThreshold,
    double FalseAlarmRate,
    int BurnoutStudents,
    double FlaggedInWindow,
    IReadOnlyList<double> FlaggedByDaysBefore);

public static class LeadTimeAnalysis
{
    public const double FalseAlarmBudget = 0.10;
    public const int WindowStart = 14;
    public const int WindowEnd = 28;

    /// <summary>
    /// Reads each student's onset off the labels: a day is labelled 1 when onset falls within the horizon after it,
    /// so the last day labelled 1 is the day before onset (see <c>BurnoutOnsetLabel</c>).
    /// </summary>
    public static LeadTimeReport Compute(IReadOnlyList<string> students, IReadOnlyList<DateOnly> days, ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities)
    {
        var onsets = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        for (var i = 0; i < students.Count; i++)
        {
            if (labels[i] > 0.5f && (!onsets.TryGetValue(students[i], out var last) || days[i].AddDays(1) > last))
            {
                onsets[students[i]] = days[i].AddDays(1);
            }
        }

        var calm = new List<float>();
        for (var i = 0; i < students.Count; i++)
        {
            if (!onsets.ContainsKey(students[i]))
            {
                calm.Add(probabilities[i]);
            }
        }
        var threshold = ThresholdFlagging(calm, FalseAlarmBudget);
        var falseAlarms = calm.Count == 0 ? 0 : calm.Count(p => p >= threshold) / (double)calm.Count;

        var flaggedInWindow = new HashSet<string>(StringComparer.Ordinal);
        var flaggedOnDay = new HashSet<(string, int)>();
        for (var i = 0; i < students.Count; i++)
        {
            if (!onsets.TryGetValue(students[i], out var onset) || probabilities[i] < threshold)
            {
                continue;
            }
            var before = onset.DayNumber - days[i].DayNumber;
            if (before is >= WindowStart and <= WindowEnd)
            {
                flaggedInWindow.Add(students[i]);
            }
            if (before is >= 1 and <= WindowEnd)
            {
                flaggedOnDay.Add((students[i], before));
            }
        }

        var burnout = onsets.Count;
        var curve = Enumerable.Range(1, WindowEnd)
            .Select(d => burnout == 0 ? 0 : flaggedOnDay.Count(f => f.Item2 == d) / (double)burnout)
            .ToArray();
        return new LeadTimeReport(threshold, falseAlarms, burnout, burnout == 0 ? 0 : flaggedInWindow.Count / (double)burnout, curve);
    }

    /// <summary>The lowest score threshold that flags at most <paramref name="budget"/> of <paramref name="scores"/>.</summary>
    private static double ThresholdFlagging(List<float> scores, double budget)
    {
        if (scores.Count == 0)
        {
            return 0.5;
        }
        scores.Sort();
        var allowed = (int)Math.Floor(budget * scores.Count);
        // Everything above index n - allowed - 1 may be flagged; ties at the boundary must all stay below.
        var boundary = scores[scores.Count - allowed - 1];
        return Math.BitIncrement((double)boundary);
    }
}
