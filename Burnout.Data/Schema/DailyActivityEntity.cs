namespace Burnout.Data.Schema;

/// <summary>One student's activity on one day. The key is (student, day).</summary>
public sealed class DailyActivityEntity
{
    public required string StudentId { get; set; }

    public DateOnly Day { get; set; }

    public int Logins { get; set; }

    public float SessionMinutes { get; set; }

    public int ResourcesAccessed { get; set; }

    public int ForumPosts { get; set; }

    public int Clicks { get; set; }

    public int AssignmentsDue { get; set; }

    public int AssignmentsSubmitted { get; set; }

    public float SubmissionDelayHours { get; set; }

    public float LateNightShare { get; set; }

    public float WeekendShare { get; set; }

    public DateTimeOffset IngestedAt { get; set; }
}
