using System.Text.Json.Serialization;

namespace Burnout.Features.Domain;

/// <summary>
/// One student's learning-platform activity on one calendar day. The key is (<see cref="StudentId"/>, <see cref="Day"/>).
/// A day without a row means no activity at all.
/// </summary>
/// <param name="StudentId">Pseudonymous student id.</param>
/// <param name="Day">The calendar day the activity belongs to.</param>
/// <param name="Logins">Number of logins (sessions) that day.</param>
/// <param name="SessionMinutes">Total minutes over all sessions that day.</param>
/// <param name="ResourcesAccessed">Distinct learning resources opened that day.</param>
/// <param name="ForumPosts">Forum posts written that day.</param>
/// <param name="Clicks">Clicks (interactions) that day; the activity volume the ratios are weighted by.</param>
/// <param name="AssignmentsDue">Assignments whose deadline falls on this day.</param>
/// <param name="AssignmentsSubmitted">Assignments submitted on this day.</param>
/// <param name="SubmissionDelayHours">Mean hours past the deadline of the submissions made this day (0 when on time or none).</param>
/// <param name="LateNightShare">Share of the day's activity between 23:00 and 05:00, in [0, 1].</param>
/// <param name="WeekendShare">Share of the day's activity that fell on a weekend in the student's local time, in [0, 1].</param>
public sealed record DailyActivity(
    string StudentId,
    DateOnly Day,
    int Logins,
    float SessionMinutes,
    int ResourcesAccessed,
    int ForumPosts,
    int Clicks,
    int AssignmentsDue,
    int AssignmentsSubmitted,
    float SubmissionDelayHours,
    float LateNightShare,
    float WeekendShare)
{
    /// <summary>A day counts as active when the student did anything at all (a deadline alone is not activity).</summary>
    [JsonIgnore]
    public bool IsActive =>
        Logins > 0 || Clicks > 0 || SessionMinutes > 0 || ResourcesAccessed > 0 || ForumPosts > 0 || AssignmentsSubmitted > 0;

    /// <summary>A row with no activity for the given student and day.</summary>
    public static DailyActivity Empty(string studentId, DateOnly day) => new(studentId, day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
