namespace Burnout.Features.Oulad;

/// <summary>
/// Computes <c>oulad-full-17@1</c> and <c>oulad-early-7@1</c> for one registration as of a cutoff day. The one
/// implementation for training and serving; it never reads final_result or the unregistration day.
/// </summary>
public static class OuladFeatureCalculator
{
    private const int DeclineWindowDays = 14;
    private const int SilenceDays = 14;

    /// <summary>The 17 full features from clicks and submissions strictly before <paramref name="cutoffDay"/>.</summary>
    public static float[] ComputeFull(OuladStudentHistory history, int cutoffDay)
    {
        ArgumentNullException.ThrowIfNull(history);
        var f = new float[OuladFeatures.Full.Count];
        var c = cutoffDay;

        long total = 0, forum = 0, last14 = 0, previous14 = 0;
        int activeDays = 0, activeSinceStart = 0;
        var weekly = new Dictionary<int, long>();
        foreach (var day in history.ClickDays)
        {
            if (day.Day >= c)
            {
                continue;
            }

            total += day.Clicks;
            forum += day.ForumClicks;
            if (day.Clicks > 0)
            {
                activeDays++;
                if (day.Day >= 0)
                {
                    activeSinceStart++;
                }
            }

            if (day.Day >= c - DeclineWindowDays)
            {
                last14 += day.Clicks;
            }
            else if (day.Day >= c - (2 * DeclineWindowDays))
            {
                previous14 += day.Clicks;
            }

            var week = (int)Math.Floor(day.Day / 7.0);
            weekly[week] = weekly.GetValueOrDefault(week) + day.Clicks;
        }

        f[0] = total;
        f[1] = forum;
        f[2] = activeDays;
        f[3] = (float)(activeSinceStart * 7.0 / Math.Max(c, 1));
        f[4] = activeDays > 0 ? (float)((double)total / activeDays) : 0f;

        int submitted = 0, late = 0;
        double daysLate = 0;
        var scores = new List<(int Day, float Score)>();
        foreach (var s in history.Submissions)
        {
            if (s.SubmittedDay >= c)
            {
                continue;
            }

            if (s.DueDay is { } due)
            {
                submitted++;
                var lateBy = Math.Max(0, s.SubmittedDay - due);
                late += lateBy > 0 ? 1 : 0;
                daysLate += lateBy;
            }

            if (s.Score is { } score)
            {
                scores.Add((s.SubmittedDay, score));
            }
        }

        f[5] = submitted > 0 ? (float)((double)late / submitted) : float.NaN;
        f[6] = submitted > 0 ? (float)(daysLate / submitted) : float.NaN;
        f[7] = scores.Count > 0 ? (float)scores.Average(s => (double)s.Score) : float.NaN;
        f[8] = scores.Count > 0 ? scores.Min(s => s.Score) : float.NaN;
        f[9] = ScoreTrendPerWeek(scores);
        f[10] = previous14 > 0 ? (float)Math.Clamp((double)(previous14 - last14) / previous14, -1, 1) : 0f;
        f[11] = weekly.Count > 0 && total > 0
            ? weekly.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key
            : float.NaN;
        f[12] = DailyStd(history.ClickDays, c);
        f[13] = last14 == 0 ? 1f : 0f;
        f[14] = OuladFeatures.ImdCode(history.Info.ImdBand);
        f[15] = history.Info.PreviousAttempts;
        f[16] = history.Info.StudiedCredits;
        return f;
    }

    /// <summary>The 7 early features: the full formulas as of min(<paramref name="cutoffDay"/>, 28).</summary>
    public static float[] ComputeEarly(OuladStudentHistory history, int cutoffDay = OuladFeatures.EarlyCutoffDay)
    {
        var full = ComputeFull(history, Math.Min(cutoffDay, OuladFeatures.EarlyCutoffDay));
        return OuladFeatures.EarlyFromFull.Select(i => full[i]).ToArray();
    }

    /// <summary>Least-squares slope of score on submission day, in points per week; NaN without two distinct days.</summary>
    private static float ScoreTrendPerWeek(List<(int Day, float Score)> scores)
    {
        if (scores.Count < 2)
        {
            return float.NaN;
        }

        var meanDay = scores.Average(s => (double)s.Day);
        var meanScore = scores.Average(s => (double)s.Score);
        double sxy = 0, sxx = 0;
        foreach (var (day, score) in scores)
        {
            sxy += (day - meanDay) * (score - meanScore);
            sxx += (day - meanDay) * (day - meanDay);
        }

        return sxx > 0 ? (float)(7 * sxy / sxx) : float.NaN;
    }

    /// <summary>Population std of daily clicks over days [0, c), days without clicks counting 0; NaN when c ≤ 0.</summary>
    private static float DailyStd(IReadOnlyList<OuladClickDay> days, int c)
    {
        if (c <= 0)
        {
            return float.NaN;
        }

        double sum = 0, squares = 0;
        foreach (var day in days)
        {
            if (day.Day >= 0 && day.Day < c)
            {
                sum += day.Clicks;
                squares += (double)day.Clicks * day.Clicks;
            }
        }

        var mean = sum / c;
        return (float)Math.Sqrt(Math.Max(0, (squares / c) - (mean * mean)));
    }
}
