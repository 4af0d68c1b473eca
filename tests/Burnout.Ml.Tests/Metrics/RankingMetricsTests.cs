using Burnout.Ml.Metrics;

namespace Burnout.Ml.Tests.Metrics;

public sealed class RankingMetricsTests
{
    // Positives score 0.35, 0.8, 0.4, 0.9, 0.2; negatives 0.1, 0.4, 0.4, 0.2, 0.7.
    private static readonly float[] Labels = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0];
    private static readonly float[] Scores = [0.1f, 0.4f, 0.35f, 0.8f, 0.4f, 0.4f, 0.2f, 0.9f, 0.2f, 0.7f];
    private static readonly float[] Weights = [1, 2, 1, 0.5f, 1, 3, 1, 1, 2, 1];

    [Fact]
    public void Auc_counts_ties_as_half_pairs()
    {
        // By hand, positive by positive, wins + ½·ties against the five negatives:
        // 0.35 → 2, 0.8 → 5, 0.4 → 2 + ½·2, 0.9 → 5, 0.2 → 1 + ½·1; total 16.5 of 25 pairs.
        Assert.Equal(16.5 / 25, RankingMetrics.RocAuc(Labels, Scores), 12);
    }

    [Fact]
    public void Weighted_auc_matches_scikit_learn()
    {
        // sklearn.metrics.roc_auc_score(y, s, sample_weight=w) with sklearn 1.2.1.
        Assert.Equal(0.5444444444444445, RankingMetrics.RocAuc(Labels, Scores, Weights), 12);
    }

    [Fact]
    public void Auc_is_one_for_separated_scores_and_half_for_constant_scores()
    {
        float[] labels = [0, 0, 1, 1];
        Assert.Equal(1.0, RankingMetrics.RocAuc(labels, [0.1f, 0.2f, 0.3f, 0.4f]));
        Assert.Equal(0.0, RankingMetrics.RocAuc(labels, [0.4f, 0.3f, 0.2f, 0.1f]));
        Assert.Equal(0.5, RankingMetrics.RocAuc(labels, [0.5f, 0.5f, 0.5f, 0.5f]));
    }

    [Fact]
    public void Auc_of_one_class_is_undefined()
    {
        Assert.True(double.IsNaN(RankingMetrics.RocAuc([1, 1, 1], [0.1f, 0.2f, 0.3f])));
    }

    [Fact]
    public void Average_precision_matches_a_hand_computation()
    {
        // Thresholds high to low (score: flagged labels → cumulative TP/flagged, recall step):
        // 0.9: 1 → 1/1, +0.2;  0.8: 1 → 2/2, +0.2;  0.7: 0 → 2/3, +0;  0.4: 0,1,0 → 3/6, +0.2;
        // 0.35: 1 → 4/7, +0.2;  0.2: 0,1 → 5/9, +0.2;  0.1: 0 → no recall step.
        // AP = 0.2·(1 + 1 + 1/2 + 4/7 + 5/9) = 0.72539682539...; sklearn's average_precision_score agrees.
        var expected = 0.2 * (1 + 1 + 0.5 + (4.0 / 7) + (5.0 / 9));
        Assert.Equal(expected, RankingMetrics.AveragePrecision(Labels, Scores), 12);
        Assert.Equal(0.7253968253968255, RankingMetrics.AveragePrecision(Labels, Scores), 12);
    }

    [Fact]
    public void Weighted_average_precision_matches_scikit_learn()
    {
        // sklearn.metrics.average_precision_score(y, s, sample_weight=w) with sklearn 1.2.1.
        Assert.Equal(0.6489576883384933, RankingMetrics.AveragePrecision(Labels, Scores, Weights), 12);
    }

    [Fact]
    public void Labels_other_than_zero_and_one_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([0, 2], [0.1f, 0.2f]));
    }
}
