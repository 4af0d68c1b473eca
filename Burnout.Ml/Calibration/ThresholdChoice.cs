using Burnout.Ml.Metrics;

namespace Burnout.Ml.Calibration;

/// <summary>A decision threshold (flag when score ≥ threshold) and how it performs on the rows it was chosen on.</summary>
public sealed record ThresholdChoice(double Threshold, double Precision, double Recall, double F1, double FlaggedFraction);

/// <summary>
/// Chooses decision thresholds on a labelled, scored set. Candidates are the distinct scores: the threshold equals
/// one of them and rows scoring at or above it are flagged.
/// </summary>
public static class ThresholdSelection
{
    /// <summary>The threshold with the highest F1; on ties the higher threshold (fewer alerts) wins.</summary>
    public static ThresholdChoice MaxF1(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
    {
        ThresholdChoice? best = null;
        foreach (var candidate in Sweep(labels, scores, weights))
        {
            if (best is null || candidate.F1 > best.F1)
            {
                best = candidate;
            }
        }

        return best ?? throw new ArgumentException("There are no rows to choose a threshold on.", nameof(scores));
    }

    /// <summary>The highest threshold whose recall reaches <paramref name="targetRecall"/> (the fewest alerts that do).</summary>
    public static ThresholdChoice ForRecall(
        ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, double targetRecall, ReadOnlySpan<float> weights = default)
    {
        if (!(targetRecall is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetRecall), targetRecall, "The target recall must lie in (0, 1].");
        }

        foreach (var candidate in Sweep(labels, scores, weights))
        {
            // Allow for rounding in the recall sum so a target of exactly k/n is met at the k-th positive.
            if (candidate.Recall >= targetRecall - 1e-12)
            {
                return candidate;
            }
        }

        throw new ArgumentException("There are no positive rows, so no threshold reaches any recall.", nameof(labels));
    }

    /// <summary>
    /// The threshold that flags the top <paramref name="fraction"/> of rows: k = ⌈fraction·n⌉ and the threshold is the
    /// k-th highest score. With distinct scores exactly k rows score at or above it; rows tied with the k-th score are
    /// all flagged, since a threshold cannot separate equal scores.
    /// </summary>
    public static ThresholdChoice ForBudget(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, double fraction)
    {
        var k = TopFractionMetrics.BudgetCount(scores.Length, fraction);
        if (k == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The budget flags no rows.");
        }

        var order = TopFractionMetrics.TopOrder(scores);
        var threshold = scores[order[k - 1]];
        var confusion = ConfusionMatrix.At(labels, scores, threshold);
        return new ThresholdChoice(
            threshold, confusion.Precision, confusion.Recall, confusion.F1, (confusion.TruePositives + confusion.FalsePositives) / scores.Length);
    }

    /// <summary>Every distinct score as a threshold, from the highest down, with its precision, recall and F1.</summary>
    public static IEnumerable<ThresholdChoice> Sweep(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
    {
        var confusion = ConfusionMatrix.At(labels, scores, double.PositiveInfinity, weights);
        var positives = confusion.FalseNegatives;
        var total = confusion.Total;
        var order = TopFractionMetrics.TopOrder(scores);
        var result = new List<ThresholdChoice>();
        double truePositives = 0, flagged = 0;
        var k = 0;
        while (k < order.Length)
        {
            var score = scores[order[k]];
            while (k < order.Length && scores[order[k]] == score)
            {
                var w = weights.IsEmpty ? 1.0 : weights[order[k]];
                flagged += w;
                truePositives += w * labels[order[k]];
                k++;
            }

            var precision = flagged > 0 ? truePositives / flagged : 0;
            var recall = positives > 0 ? truePositives / positives : 0;
            var f1 = flagged + positives > 0 ? 2 * truePositives / (flagged + positives) : 0;
            result.Add(new ThresholdChoice(score, precision, recall, f1, total > 0 ? flagged / total : 0));
        }

        return result;
    }
}
