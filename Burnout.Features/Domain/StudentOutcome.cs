namespace Burnout.Features.Domain;

/// <summary>What happened to a student, known only later: the source of every label, never of a feature.</summary>
/// <param name="StudentId">Pseudonymous student id.</param>
/// <param name="BurnoutOnset">The first day the student counted as burnt out; null if never (or not observed).</param>
/// <param name="WithdrawalDate">The day the student withdrew; null if they did not.</param>
/// <param name="FinalResult">The final result of the course; null while it is still running.</param>
public sealed record StudentOutcome(
    string StudentId,
    DateOnly? BurnoutOnset,
    DateOnly? WithdrawalDate,
    FinalResult? FinalResult);

/// <summary>The final result of a course, with OULAD's four values.</summary>
public enum FinalResult
{
    Pass,
    Distinction,
    Fail,
    Withdrawn,
}
