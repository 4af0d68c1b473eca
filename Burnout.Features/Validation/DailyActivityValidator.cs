using System.Globalization;
using Burnout.Features.Domain;

namespace Burnout.Features.Validation;

/// <summary>
/// The pure half of activity ingestion: checks every row of a batch and lists every problem (row, field, reason).
/// Rules: counts are non-negative; minutes and delays are finite and non-negative (a day holds at most 1440
/// minutes); shares lie in [0, 1]; the day is not after today; the student is known unless auto-create is on;
/// (student, day) appears once in the batch.
/// </summary>
public static class DailyActivityValidator
{
    public const int MaxStudentIdLength = 64;
    public const float MinutesPerDay = 24 * 60;

    public static BatchValidationResult Validate(IEnumerable<DailyActivity> batch, IngestionRules rules)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rules);
        var problems = new List<RowProblem>();
        var firstRowOfKey = new Dictionary<(string, DateOnly), long>();
        var knownStudents = new Dictionary<string, bool>(StringComparer.Ordinal);
        long row = 0;
        foreach (var activity in batch)
        {
            CheckRow(row, activity, rules.Today, problems);
            var id = activity.StudentId ?? string.Empty;
            if (!string.IsNullOrWhiteSpace(id))
            {
                if (!rules.AutoCreateStudents)
                {
                    if (!knownStudents.TryGetValue(id, out var known))
                    {
                        known = rules.StudentExists(id);
                        knownStudents[id] = known;
                    }

                    if (!known)
                    {
                        problems.Add(new RowProblem(row, id, "student_id", $"unknown student '{id}' (auto-create is off)"));
                    }
                }

                if (!firstRowOfKey.TryAdd((id, activity.Day), row))
                {
                    problems.Add(new RowProblem(
                        row,
                        id,
                        "day",
                        string.Create(CultureInfo.InvariantCulture, $"duplicate key ({id}, {activity.Day:yyyy-MM-dd}): already in row {firstRowOfKey[(id, activity.Day)]}")));
                }
            }

            row++;
        }

        return new BatchValidationResult(row, problems);
    }

    /// <summary>The checks one row passes on its own (everything except unknown students and duplicates).</summary>
    public static void CheckRow(long row, DailyActivity activity, DateOnly today, ICollection<RowProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(problems);
        var id = activity.StudentId;
        void Fail(string field, string reason) => problems.Add(new RowProblem(row, id, field, reason));

        if (string.IsNullOrWhiteSpace(id))
        {
            Fail("student_id", "is empty");
        }
        else if (id.Length > MaxStudentIdLength)
        {
            Fail("student_id", $"is longer than {MaxStudentIdLength} characters");
        }

        if (activity.Day > today)
        {
            Fail("day", string.Create(CultureInfo.InvariantCulture, $"{activity.Day:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})"));
        }

        Count("logins", activity.Logins);
        Count("resources_accessed", activity.ResourcesAccessed);
        Count("forum_posts", activity.ForumPosts);
        Count("clicks", activity.Clicks);
        Count("assignments_due", activity.AssignmentsDue);
        Count("assignments_submitted", activity.AssignmentsSubmitted);
        Amount("session_minutes", activity.SessionMinutes);
        Amount("submission_delay_hours", activity.SubmissionDelayHours);
        Share("late_night_share", activity.LateNightShare);
        Share("weekend_share", activity.WeekendShare);
        if (activity.SessionMinutes > MinutesPerDay)
        {
            Fail("session_minutes", string.Create(CultureInfo.InvariantCulture, $"{activity.SessionMinutes} minutes is more than a day holds ({MinutesPerDay})"));
        }

        void Count(string field, int value)
        {
            if (value < 0)
            {
                Fail(field, string.Create(CultureInfo.InvariantCulture, $"{value} is a negative count"));
            }
        }

        void Amount(string field, float value)
        {
            if (!float.IsFinite(value))
            {
                Fail(field, "is not a finite number");
            }
            else if (value < 0)
            {
                Fail(field, string.Create(CultureInfo.InvariantCulture, $"{value} is negative"));
            }
        }

        void Share(string field, float value)
        {
            if (!float.IsFinite(value) || value < 0 || value > 1)
            {
                Fail(field, string.Create(CultureInfo.InvariantCulture, $"{value} is a ratio outside [0, 1]"));
            }
        }
    }
}
