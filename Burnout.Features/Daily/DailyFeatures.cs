namespace Burnout.Features.Daily;

/// <summary>
/// The 13 features of the original API contract, computed from daily activity rows. Formulas: docs/features.md.
/// </summary>
public static class DailyFeatures
{
    /// <summary>Trailing window of the sums and means, in days, as of the as-of day inclusive.</summary>
    public const int ShortWindowDays = 7;

    /// <summary>Window of the engagement drop and the consistency score.</summary>
    public const int LongWindowDays = 14;

    /// <summary>
    /// The inactive streak is capped here, so a feature never needs more history than this many days
    /// (the serving path reads exactly this many days up to the as-of day).
    /// </summary>
    public const int LookbackDays = 28;

    public const int LoginCount = 0;
    public const int AvgSessionDurationMin = 1;
    public const int InactiveDaysStreak = 2;
    public const int ForumPosts = 3;
    public const int ResourcesAccessed = 4;
    public const int AssignmentsDue = 5;
    public const int AssignmentsSubmitted = 6;
    public const int SubmissionDelayHours = 7;
    public const int LateSubmissionRatio7d = 8;
    public const int LateNightActivityRatio = 9;
    public const int WeekendActivityRatio = 10;
    public const int EngagementDropPct14d = 11;
    public const int ConsistencyScore = 12;

    public static FeatureSet Set { get; } = new(
        "daily-13",
        1,
        new[]
        {
            "login_count",
            "avg_session_duration_min",
            "inactive_days_streak",
            "forum_posts",
            "resources_accessed",
            "assignments_due",
            "assignments_submitted",
            "submission_delay_hours",
            "late_submission_ratio_7d",
            "late_night_activity_ratio",
            "weekend_activity_ratio",
            "engagement_drop_pct_14d",
            "consistency_score",
        }.Select(FeatureColumn.Numeric).ToArray());

    public static int Count => Set.Count;
}
