using Burnout.Ml.Metrics;

namespace Burnout.Ml.Tests.Metrics;

public sealed class ProbabilityMetricsTests
{
    private static readonly float[] Labels = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0];
    private static readonly float[] Scores = [0.1f, 0.4f, 0.35f, 0.8f, 0.4f, 0.4f, 0.2f, 0.9f, 0.2f, 0.7f];
    private static readonly float[] Weights = [1, 2, 1, 0.5f, 1, 3, 1, 1, 2, 1];

    [Fact]
    public void Log_loss_and_brier_match_scikit_learn()
    {
        // sklearn 1.2.1 log_loss / brier_score_loss on the same data (float32 scores widen to the same doubles).
        Assert.Equal(0.6458182954608922, ProbabilityMetrics.LogLoss(Labels, Scores), 6);
        Assert.Equal(0.7629226799185347, ProbabilityMetrics.LogLoss(Labels, Scores, Weights), 6);
        Assert.Equal(0.23325, ProbabilityMetrics.BrierScore(Labels, Scores), 6);
    }

    [Fact]
    public void Log_loss_of_a_certain_wrong_answer_is_clipped_not_infinite()
    {
        var loss = ProbabilityMetrics.LogLoss([1], [0f]);
        Assert.Equal(-Math.Log(ProbabilityMetrics.LogLossEpsilon), loss, 9);
    }

    [Fact]
    public void Expected_calibration_error_uses_equal_width_bins()
    {
        // Bin [0.1, 0.2): p = 0.1, 0.1, labels 0, 1 → |0.5 − 0.1| with weight 2/4.
        // Bin [0.9, 1.0]: p = 0.9, 1.0, labels 1, 1 → |1 − 0.95| with weight 2/4.
        var ece = ProbabilityMetrics.ExpectedCalibrationError([0, 1, 1, 1], [0.1f, 0.1f, 0.9f, 1f], bins: 10);
        Assert.Equal((0.5 * 0.4) + (0.5 * 0.05), ece, 6);
    }

    [Fact]
    public void Confusion_matrix_flags_scores_at_or_above_the_threshold()
    {
        var m = ConfusionMatrix.At(Labels, Scores, 0.4);

        // Flagged: 0.4 (neg), 0.8 (pos), 0.4 (neg), 0.4 (pos), 0.9 (pos), 0.7 (neg).
        Assert.Equal(new ConfusionMatrix(3, 3, 2, 2), m);
        Assert.Equal(0.5, m.Accuracy);
        Assert.Equal(0.5, m.Precision);
        Assert.Equal(0.6, m.Recall);
        Assert.Equal(2 * 0.5 * 0.6 / 1.1, m.F1, 12);
    }

    [Fact]
    public void Top_fraction_flags_exactly_k_rows_even_with_ties()
    {
        // Top 30% of 10 = 3 rows: 0.9 (pos), 0.8 (pos), 0.7 (neg).
        Assert.Equal(2.0 / 3, TopFractionMetrics.PrecisionAtTop(Labels, Scores, 0.3), 12);
        Assert.Equal(2.0 / 5, TopFractionMetrics.RecallAtTop(Labels, Scores, 0.3), 12);

        // Top 40% = 4 rows: the fourth is the first of the three 0.4s by row order (row 1, a negative).
        Assert.Equal(2.0 / 4, TopFractionMetrics.PrecisionAtTop(Labels, Scores, 0.4), 12);
        Assert.Equal(100, TopFractionMetrics.BudgetCount(1000, 0.1));
    }

    [Fact]
    public void Metrics_break_down_by_group()
    {
        string[] groups = ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"];
        var aucs = GroupedMetrics.ByGroup(Labels, Scores, groups, RankingMetrics.RocAuc);

        Assert.Equal(["a", "b"], aucs.Select(g => g.Group));

        // Group a: positives 0.35, 0.8 vs negatives 0.1, 0.4, 0.4 → (1 + 3) / 6.
        Assert.Equal(4.0 / 6, aucs[0].Value, 12);

        // Group b: positives 0.4, 0.9, 0.2 vs negatives 0.2, 0.7 → (1 + 2 + 0.5) / 6.
        Assert.Equal(3.5 / 6, aucs[1].Value, 12);

        var reports = GroupedMetrics.Reports(Labels, Scores, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 2 }, 0.5);
        Assert.Equal(9, reports[0].Rows);
        Assert.True(double.IsNaN(reports[1].Value.Auc));
    }
}
