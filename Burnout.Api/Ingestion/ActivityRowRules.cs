using Burnout.Features.Domain;

namespace Burnout.Api.Ingestion;

/// <summary>
/// The checks one activity row must pass on its own: counts are whole and non-negative, shares lie in [0, 1],
/// and the day is not in the future. Checks that need the whole batch or the database live in <see cref="ActivityStaging"/>.
/// </summary>
internal static class ActivityRowRules
{
    public static IReadOnlyList<IngestionProblem> Check(long row, DailyActivity activity, DateOnly today)
    {
        List<IngestionProblem>? problems = null;
        void Fail(string field, string reason) => (problems ??= []).Add(new IngestionProblem(row, activity.StudentId, field, reason));

        if (string.IsNullOrWhiteSpace(activity.StudentId))
        {
            Fail("student_id", "is empty");
        }
        else if (activity.StudentId.Length > 64)
        {
            Fail("student_id", "is longer than 64 characters");
        }

        if (activity.Day > today)
        {
            Fail("day", $"{activity.Day:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})");
        }

        NonNegative("logins", activity.Logins);
        NonNegative("session_minutes", activity.SessionMinutes);
        NonNegative("resources_accessed", activity.ResourcesAccessed);
        NonNegative("forum_posts", activity.ForumPosts);
        NonNegative("clicks", activity.Clicks);
        NonNegative("assignments_due", activity.AssignmentsDue);
        NonNegative("assignments_submitted", activity.AssignmentsSubmitted);
        NonNegative("submission_delay_hours", activity.SubmissionDelayHours);
        Share("late_night_share", activity.LateNightShare);
        Share("weekend_share", activity.WeekendShare);

        if (activity.SessionMinutes > 24 * 60)
        {
            Fail("session_minutes", $"{activity.SessionMinutes} minutes is more than a day holds");
        }

        return problems ?? (IReadOnlyList<IngestionProblem>)[];

        void NonNegative(string field, double value)
        {
            if (!double.IsFinite(value))
            {
                Fail(field, "is not a finite number");
            }
            else if (value < 0)
            {
                Fail(field, $"{value} is negative; counts and durations cannot be");
            }
        }

        void Share(string field, float value)
        {
            if (!float.IsFinite(value) || value < 0 || value > 1)
            {
                Fail(field, $"{value} is outside [0, 1]; it is a share of the day's activity");
            }
        }
    }
}
