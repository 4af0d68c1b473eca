using Burnout.Features.Labels;

namespace Burnout.Features.Oulad;

/// <summary>The OULAD labels: withdrawal within 21 days of a weekly cutoff, and the end-of-course "Withdrawn or Fail".</summary>
public static class OuladLabels
{
    public const int WithdrawalHorizonDays = 21;

    public static LabelDefinition WithdrawalWithin21Days { get; } = new(
        "oulad-withdraw-21d",
        1,
        "1 when date_unregistration is in [c, c+21); 0 when the student is still registered at c+21 or the course ends first; "
        + "undefined when unregistered before c, when c is at or after the end of the course, or when the result is Withdrawn without a date.");

    public static LabelDefinition WithdrawnOrFail { get; } = new(
        "oulad-withdrawn-or-fail",
        1,
        "1 when final_result is Withdrawn or Fail, 0 for Pass or Distinction.");

    /// <summary>Cutoffs 7, 14, 21 ... strictly before the end of the course.</summary>
    public static IEnumerable<int> WeeklyCutoffs(int courseLengthDays)
    {
        for (var c = 7; c < courseLengthDays; c += 7)
        {
            yield return c;
        }
    }

    public static float? WithdrawsWithin21Days(OuladStudentHistory history, int cutoffDay, int courseLengthDays)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (cutoffDay >= courseLengthDays)
        {
            return null;
        }

        if (history.Registration?.UnregistrationDay is { } u)
        {
            if (u < cutoffDay)
            {
                return null;
            }

            return u < cutoffDay + WithdrawalHorizonDays ? 1f : 0f;
        }

        return history.Info.FinalResult == "Withdrawn" ? null : 0f;
    }

    public static float IsWithdrawnOrFail(OuladStudentHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return OuladMapping.ParseResult(history.Info.FinalResult) is Domain.FinalResult.Withdrawn or Domain.FinalResult.Fail ? 1f : 0f;
    }
}
