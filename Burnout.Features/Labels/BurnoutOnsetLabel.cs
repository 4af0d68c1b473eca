using Burnout.Features.Domain;

namespace Burnout.Features.Labels;

/// <summary>
/// "Burnout onset within the next H days" for a student-day (docs/features.md, Labels). The label looks only
/// forward from the as-of day and the features only backward, so a day's label never feeds its features.
/// </summary>
public static class BurnoutOnsetLabel
{
    public const int DefaultHorizonDays = 21;
    public const int MinHorizonDays = 14;
    public const int MaxHorizonDays = 21;

    public static LabelDefinition Definition(int horizonDays = DefaultHorizonDays)
    {
        CheckHorizon(horizonDays);
        return new LabelDefinition(
            $"burnout-onset-{horizonDays}d",
            1,
            $"1 when the burnout onset falls in (t, t+{horizonDays}]; 0 when the student is observed through t+{horizonDays} without onset; "
            + "undefined (row excluded) when onset ≤ t, withdrawal ≤ t+H without onset, or observation ends before t+H.");
    }

    /// <summary>
    /// The label of one student-day: 1, 0, or null when the row must be left out of training and evaluation
    /// (already burnt out, withdrawn, or not observed for the whole horizon).
    /// </summary>
    /// <param name="outcome">The student's outcome; null means nothing happened during observation.</param>
    /// <param name="asOf">The day the features are computed for.</param>
    /// <param name="observedThrough">The last day outcomes are known for (e.g. the end of the simulated period).</param>
    /// <param name="horizonDays">H, between 14 and 21.</param>
    public static float? Compute(StudentOutcome? outcome, DateOnly asOf, DateOnly observedThrough, int horizonDays = DefaultHorizonDays)
    {
        CheckHorizon(horizonDays);
        var horizonEnd = asOf.AddDays(horizonDays);
        if (outcome?.BurnoutOnset is { } onset)
        {
            if (onset <= asOf)
            {
                return null;
            }

            if (onset <= horizonEnd && onset <= observedThrough)
            {
                return 1f;
            }
        }

        if (outcome?.WithdrawalDate is { } withdrawal && withdrawal <= horizonEnd)
        {
            return null;
        }

        return observedThrough >= horizonEnd ? 0f : null;
    }

    private static void CheckHorizon(int horizonDays)
    {
        if (horizonDays is < MinHorizonDays or > MaxHorizonDays)
        {
            throw new ArgumentOutOfRangeException(nameof(horizonDays), horizonDays, $"The horizon must be {MinHorizonDays}..{MaxHorizonDays} days.");
        }
    }
}
