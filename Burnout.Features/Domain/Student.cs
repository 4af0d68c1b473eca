namespace Burnout.Features.Domain;

/// <summary>A pseudonymous student enrolled in one course or cohort.</summary>
/// <param name="StudentId">Pseudonymous identifier; never a name, e-mail or institutional number.</param>
/// <param name="Cohort">The course or cohort the student belongs to.</param>
/// <param name="StartDate">The first day of the student's course.</param>
/// <param name="Demographics">Optional; absent when the source does not provide it.</param>
public sealed record Student(string StudentId, string Cohort, DateOnly StartDate, StudentDemographics? Demographics = null);

/// <summary>Optional demographic attributes, every one of them nullable because sources differ.</summary>
public sealed record StudentDemographics(
    string? Gender = null,
    string? AgeBand = null,
    string? Region = null,
    string? ImdBand = null,
    string? HighestEducation = null,
    bool? Disability = null);
