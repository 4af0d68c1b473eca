using Burnout.Features.Domain;
using Burnout.Features.Labels;

namespace Burnout.Features.Daily;

/// <summary>Receives one labelled training row. The span is reused: copy what you keep.</summary>
public delegate void LabeledFeatureHandler(string studentId, DateOnly day, ReadOnlySpan<float> features, float label);

/// <summary>
/// Training rows for <c>daily-13@1</c> × <c>burnout-onset-Hd@1</c>: the batch feature path joined with the label,
/// keeping only the student-days whose label is defined.
/// </summary>
public static class DailyTrainingRows
{
    /// <returns>The number of labelled rows emitted.</returns>
    public static long Build(
        IEnumerable<DailyActivity> sortedRows,
        IReadOnlyDictionary<string, StudentOutcome> outcomes,
        DateOnly observedThrough,
        LabeledFeatureHandler handler,
        int horizonDays = BurnoutOnsetLabel.DefaultHorizonDays)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(handler);
        _ = BurnoutOnsetLabel.Definition(horizonDays);
        long emitted = 0;
        string? lastId = null;
        StudentOutcome? outcome = null;
        DailyFeatureCalculator.ComputeBatch(sortedRows, (id, day, features) =>
        {
            if (!ReferenceEquals(id, lastId))
            {
                lastId = id;
                outcome = outcomes.GetValueOrDefault(id);
            }

            if (BurnoutOnsetLabel.Compute(outcome, day, observedThrough, horizonDays) is { } label)
            {
                handler(id, day, features, label);
                emitted++;
            }
        });
        return emitted;
    }
}
