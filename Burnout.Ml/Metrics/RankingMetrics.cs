namespace Burnout.Ml.Metrics;

/// <summary>Threshold-free metrics that depend only on how the scores order the rows.</summary>
public static class RankingMetrics
{
    /// <summary>
    /// Area under the ROC curve, computed exactly as the (weighted) Mann–Whitney statistic: the probability that a
    /// random positive scores above a random negative, a tie counting one half (midranks). With weights, each
    /// positive–negative pair counts with the product of their weights, which matches scikit-learn's
    /// <c>roc_auc_score(..., sample_weight=w)</c>.
    /// </summary>
    /// <returns>The AUC, or NaN when the rows hold only one class (the AUC is undefined there).</returns>
    public static double RocAuc(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.Check(labels, scores, weights);
        var order = MetricInputs.OrderByScore(scores);
        double negativesBelow = 0, positiveTotal = 0, pairs = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            double groupPositive = 0, groupNegative = 0;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                var row = order[end];
                var w = MetricInputs.Weight(weights, row);
                if (labels[row] == 1f)
                {
                    groupPositive += w;
                }
                else
                {
                    groupNegative += w;
                }

                end++;
            }

            pairs += groupPositive * (negativesBelow + (0.5 * groupNegative));
            negativesBelow += groupNegative;
            positiveTotal += groupPositive;
            start = end;
        }

        return positiveTotal > 0 && negativesBelow > 0 ? pairs / (positiveTotal * negativesBelow) : double.NaN;
    }

    /// <summary>
    /// Average precision, scikit-learn's <c>average_precision_score</c>: Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the distinct score
    /// thresholds taken from high to low, where a row is flagged when its score is at least the threshold.
    /// This is the step-wise area under the precision–recall curve, without interpolation.
    /// </summary>
    /// <returns>The average precision, or NaN when there are no positives.</returns>
    public static double AveragePrecision(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.Check(labels, scores, weights);
        var order = MetricInputs.OrderByScore(scores);
        double positiveTotal = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            positiveTotal += labels[i] * MetricInputs.Weight(weights, i);
        }

        if (positiveTotal <= 0)
        {
            return double.NaN;
        }

        double truePositives = 0, falsePositives = 0, previousRecall = 0, sum = 0;
        var end = order.Length;
        while (end > 0)
        {
            var start = end - 1;
            while (start > 0 && scores[order[start - 1]] == scores[order[end - 1]])
            {
                start--;
            }

            for (var k = start; k < end; k++)
            {
                var row = order[k];
                var w = MetricInputs.Weight(weights, row);
                if (labels[row] == 1f)
                {
                    truePositives += w;
                }
                else
                {
                    falsePositives += w;
                }
            }

            var flagged = truePositives + falsePositives;
            var recall = truePositives / positiveTotal;
            if (flagged > 0)
            {
                sum += (recall - previousRecall) * (truePositives / flagged);
            }

            previousRecall = recall;
            end = start;
        }

        return sum;
    }
}
