using Burnout.Features.Daily;
using Burnout.Features.Domain;

namespace Burnout.Features.Tests;

public sealed class DailyFeatureCalculatorTests
{
    private static readonly DateOnly Day0 = new(2025, 3, 3); // a Monday

    private static DailyActivity Row(int day, int logins = 0, float minutes = 0, int resources = 0, int forum = 0, int clicks = 0,
        int due = 0, int submitted = 0, float delay = 0, float lateNight = 0, float weekend = 0) =>
        new("s1", Day0.AddDays(day), logins, minutes, resources, forum, clicks, due, submitted, delay, lateNight, weekend);

    [Fact]
    public void Tiny_history_gives_the_hand_computed_values()
    {
        // Days 0..13; as of day 13 the 7-day window is days 7..13 and the previous 7 days are 0..6.
        var history = new List<DailyActivity>
        {
            Row(0, logins: 1, minutes: 30, clicks: 10),
            Row(3, logins: 2, minutes: 40, clicks: 20),
            Row(6, logins: 1, minutes: 20, clicks: 10),
            Row(8, logins: 2, minutes: 50, resources: 3, forum: 1, clicks: 8, due: 1, submitted: 1, delay: 0, lateNight: 0.5f, weekend: 0),
            Row(10, logins: 1, minutes: 10, resources: 2, clicks: 12, due: 1, submitted: 2, delay: 6, lateNight: 0.25f, weekend: 1),
            Row(11, due: 1), // a deadline alone is no activity
        };

        var f = DailyFeatureCalculator.Compute(history, Day0.AddDays(13));

        Assert.Equal(3f, f[DailyFeatures.LoginCount]);
        Assert.Equal(60f / 3f, f[DailyFeatures.AvgSessionDurationMin]);
        Assert.Equal(3f, f[DailyFeatures.InactiveDaysStreak]); // days 11, 12, 13
        Assert.Equal(1f, f[DailyFeatures.ForumPosts]);
        Assert.Equal(5f, f[DailyFeatures.ResourcesAccessed]);
        Assert.Equal(3f, f[DailyFeatures.AssignmentsDue]);
        Assert.Equal(3f, f[DailyFeatures.AssignmentsSubmitted]);
        Assert.Equal(4f, f[DailyFeatures.SubmissionDelayHours]); // (0*1 + 6*2) / 3
        Assert.Equal(2f / 3f, f[DailyFeatures.LateSubmissionRatio7d]);
        Assert.Equal((float)((0.5 * 8 + 0.25 * 12) / 20.0), f[DailyFeatures.LateNightActivityRatio]);
        Assert.Equal(12f / 20f, f[DailyFeatures.WeekendActivityRatio]);
        Assert.Equal(50f, f[DailyFeatures.EngagementDropPct14d]); // previous 40 clicks, last 20

        // Daily clicks over 14 days: 10,0,0,20,0,0,10,0,8,0,12,0,0,0 -> mean 60/14.
        double[] daily = [10, 0, 0, 20, 0, 0, 10, 0, 8, 0, 12, 0, 0, 0];
        var mean = daily.Average();
        var sd = Math.Sqrt(daily.Sum(x => (x - mean) * (x - mean)) / 14);
        Assert.Equal((float)Math.Clamp(1 - (sd / mean), 0, 1), f[DailyFeatures.ConsistencyScore]);
    }

    [Fact]
    public void Steady_activity_is_perfectly_consistent_and_has_no_drop()
    {
        var history = Enumerable.Range(0, 20).Select(d => Row(d, logins: 1, minutes: 15, clicks: 7)).ToList();

        var f = DailyFeatureCalculator.Compute(history, Day0.AddDays(19));

        Assert.Equal(1f, f[DailyFeatures.ConsistencyScore]);
        Assert.Equal(0f, f[DailyFeatures.EngagementDropPct14d]);
        Assert.Equal(0f, f[DailyFeatures.InactiveDaysStreak]);
        Assert.Equal(15f, f[DailyFeatures.AvgSessionDurationMin]);
    }

    [Fact]
    public void Without_any_activity_ratios_are_zero_and_the_streak_is_capped()
    {
        var f = DailyFeatureCalculator.Compute([Row(0, logins: 1, clicks: 5)], Day0.AddDays(100));

        Assert.Equal(DailyFeatures.LookbackDays, f[DailyFeatures.InactiveDaysStreak]);
        Assert.All(f.Where((_, i) => i != DailyFeatures.InactiveDaysStreak), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Streak_counts_back_to_the_last_active_day()
    {
        var f = DailyFeatureCalculator.Compute([Row(0, clicks: 1), Row(5, due: 1)], Day0.AddDays(9));

        Assert.Equal(9f, f[DailyFeatures.InactiveDaysStreak]);
    }

    [Fact]
    public void Rows_after_the_as_of_day_are_ignored_and_input_order_does_not_matter()
    {
        var history = Enumerable.Range(0, 30).Select(d => Row(d, logins: d % 3, minutes: d, clicks: d * 2 % 11, lateNight: 0.1f)).ToList();
        var expected = DailyFeatureCalculator.Compute(history.Where(r => r.Day <= Day0.AddDays(20)).ToList(), Day0.AddDays(20));

        var shuffled = history.OrderBy(r => (r.Day.DayNumber * 7919) % 31).ToList();

        Assert.Equal(expected, DailyFeatureCalculator.Compute(shuffled, Day0.AddDays(20)));
    }

    [Fact]
    public void Mixed_students_and_duplicate_days_are_refused()
    {
        Assert.Throws<ArgumentException>(() => DailyFeatureCalculator.Compute([Row(1), Row(1)], Day0.AddDays(2)));
        Assert.Throws<ArgumentException>(() => DailyFeatureCalculator.Compute([Row(1), Row(2) with { StudentId = "s2" }], Day0.AddDays(2)));
    }

    [Fact]
    public void Batch_fills_gaps_and_refuses_unsorted_streams()
    {
        var days = new List<DateOnly>();
        var n = DailyFeatureCalculator.ComputeBatch([Row(0, clicks: 1), Row(3, clicks: 1)], (_, day, _) => days.Add(day));

        Assert.Equal(4, n);
        Assert.Equal(Enumerable.Range(0, 4).Select(d => Day0.AddDays(d)), days);
        Assert.Throws<ArgumentException>(() => DailyFeatureCalculator.ComputeBatch([Row(3), Row(1)], (_, _, _) => { }));
        Assert.Throws<ArgumentException>(() => DailyFeatureCalculator.ComputeBatch(
            [Row(1), Row(1) with { StudentId = "s2" }, Row(2)], (_, _, _) => { }));
    }
}
