namespace Burnout.Ml.Metrics;

/// <summary>
/// Counts (or summed sample weights) of a thresholded classifier. A row is predicted positive when its score is
/// at least the threshold. Ratios whose denominator is zero are 0, as scikit-learn's <c>zero_division=0</c>.
/// </summary>
public readonly record struct ConfusionMatrix(double TruePositives, double FalsePositives, double TrueNegatives, double FalseNegatives)
{
    public double Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Also called sensitivity or true-positive rate.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    public double FalsePositiveRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    public static ConfusionMatrix At(
        ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, double threshold, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.Check(labels, scores, weights);
        double tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = MetricInputs.Weight(weights, i);
            var flagged = scores[i] >= threshold;
            if (labels[i] == 1f)
            {
                if (flagged)
                {
                    tp += w;
                }
                else
                {
                    fn += w;
                }
            }
            else if (flagged)
            {
                fp += w;
            }
            else
            {
                tn += w;
            }
        }

        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 0;
}
