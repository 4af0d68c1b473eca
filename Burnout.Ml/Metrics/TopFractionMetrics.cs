namespace Burnout.Ml.Metrics;

/// <summary>
/// Metrics for an alert budget: the k = ⌈fraction·n⌉ highest-scoring rows are flagged (ties broken by row order,
/// so exactly k rows are flagged). Rows count once each; sample weights do not apply to a headcount budget.
/// </summary>
public static class TopFractionMetrics
{
    /// <summary>The number of rows a budget of <paramref name="fraction"/> of <paramref name="rows"/> flags.</summary>
    public static int BudgetCount(int rows, double fraction)
    {
        if (!(fraction is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction must lie in [0, 1].");
        }

        // The small slack keeps 0.1 × 1000 at 100 despite 0.1 not being exact in binary.
        return Math.Min(rows, (int)Math.Ceiling((fraction * rows) - 1e-9));
    }

    /// <summary>Share of positives among the flagged rows; 0 when nothing is flagged.</summary>
    public static double PrecisionAtTop(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, double fraction)
    {
        var k = BudgetCount(labels.Length, fraction);
        return k == 0 ? 0 : PositivesInTop(labels, scores, k) / k;
    }

    /// <summary>Share of all positives that the flagged rows catch; NaN when there are no positives.</summary>
    public static double RecallAtTop(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, double fraction)
    {
        var k = BudgetCount(labels.Length, fraction);
        double positives = 0;
        foreach (var label in labels)
        {
            positives += label;
        }

        return positives > 0 ? PositivesInTop(labels, scores, k) / positives : double.NaN;
    }

    private static double PositivesInTop(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, int k)
    {
        MetricInputs.Check(labels, scores, default);
        var order = TopOrder(scores);
        double positives = 0;
        for (var i = 0; i < k; i++)
        {
            positives += labels[order[i]];
        }

        return positives;
    }

    /// <summary>Row indices by descending score; among equal scores the earlier row comes first.</summary>
    internal static int[] TopOrder(ReadOnlySpan<float> scores)
    {
        var ascending = MetricInputs.OrderByScore(scores);
        var order = new int[ascending.Length];
        var position = 0;
        var end = ascending.Length;
        while (end > 0)
        {
            var start = end - 1;
            while (start > 0 && scores[ascending[start - 1]] == scores[ascending[end - 1]])
            {
                start--;
            }

            for (var k = start; k < end; k++)
            {
                order[position++] = ascending[k];
            }

            end = start;
        }

        return order;
    }
}
