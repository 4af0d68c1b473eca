namespace Burnout.Ml.Metrics;

/// <summary>The standard set of metrics for one scored, labelled set of rows.</summary>
/// <param name="Rows">Number of rows.</param>
/// <param name="Positives">Summed weight of the positive rows (their count when unweighted).</param>
/// <param name="Threshold">Scores at or above it count as predicted positive for the confusion-matrix metrics.</param>
public sealed record BinaryClassificationReport(
    int Rows,
    double Positives,
    double Threshold,
    double Auc,
    double PrAuc,
    double LogLoss,
    double Brier,
    double ExpectedCalibrationError,
    ConfusionMatrix Confusion)
{
    public double Accuracy => Confusion.Accuracy;

    public double Precision => Confusion.Precision;

    public double Recall => Confusion.Recall;

    public double F1 => Confusion.F1;

    /// <summary>Computes every metric; the scores must be probabilities for log loss, Brier and ECE to mean anything.</summary>
    public static BinaryClassificationReport Compute(
        ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, double threshold = 0.5, ReadOnlySpan<float> weights = default)
    {
        var confusion = ConfusionMatrix.At(labels, probabilities, threshold, weights);
        return new BinaryClassificationReport(
            labels.Length,
            confusion.TruePositives + confusion.FalseNegatives,
            threshold,
            RankingMetrics.RocAuc(labels, probabilities, weights),
            RankingMetrics.AveragePrecision(labels, probabilities, weights),
            ProbabilityMetrics.LogLoss(labels, probabilities, weights),
            ProbabilityMetrics.BrierScore(labels, probabilities, weights),
            ProbabilityMetrics.ExpectedCalibrationError(labels, probabilities, 10, weights),
            confusion);
    }
}
