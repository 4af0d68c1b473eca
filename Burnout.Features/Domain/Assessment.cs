using System.Text.Json.Serialization;

namespace Burnout.Features.Domain;

/// <summary>One assessment of one student: when it was due, when (if ever) it was submitted, and its score.</summary>
/// <param name="StudentId">Pseudonymous student id.</param>
/// <param name="AssessmentId">The assessment's id within its course.</param>
/// <param name="DueDate">The deadline; null when the source does not give one (e.g. OULAD final exams).</param>
/// <param name="SubmittedDate">Null when not submitted.</param>
/// <param name="Score">Score in [0, 100]; null when not (yet) marked.</param>
/// <param name="Weight">Weight of the assessment in the final mark, in percent; null when unknown.</param>
public sealed record Assessment(
    string StudentId,
    string AssessmentId,
    DateOnly? DueDate,
    DateOnly? SubmittedDate,
    float? Score,
    float? Weight = null)
{
    /// <summary>Days past the deadline (0 when on time); null when not submitted or without a deadline.</summary>
    [JsonIgnore]
    public int? DaysLate =>
        DueDate is { } due && SubmittedDate is { } submitted ? Math.Max(0, submitted.DayNumber - due.DayNumber) : null;
}
