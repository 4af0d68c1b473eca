using Burnout.Ml.Calibration;
using Burnout.Ml.Metrics;

namespace Burnout.Ml.Tests.Calibration;

public sealed class CalibrationTests
{
    [Fact]
    public void Isotonic_matches_scikit_learn_on_a_small_example()
    {
        float[] x = [0.1f, 0.2f, 0.2f, 0.3f, 0.5f, 0.6f, 0.8f, 0.9f];
        float[] y = [0, 1, 0, 0, 1, 0, 1, 1];
        float[] w = [1, 1, 1, 2, 1, 1, 1, 1];

        var calibrator = IsotonicCalibrator.Fit(y, x, w);

        // By hand: 0.2 merges to 0.5 (weight 2), pools with 0.3 (0, weight 2) to 0.25; 0.5 and 0.6 pool to 0.5.
        // sklearn 1.2.1 IsotonicRegression(out_of_bounds="clip") gives the same knots and
        // predict([0, .15, .25, .55, .7, .85, 1]) = [0, 0.125, 0.25, 0.5, 0.75, 1, 1].
        Assert.Equal([0, 0.25, 0.25, 0.5, 0.5, 1, 1], calibrator.Outputs);
        double[] expected = [0, 0.125, 0.25, 0.5, 0.75, 1, 1];
        double[] inputs = [0, 0.15, 0.25, 0.55, 0.7, 0.85, 1];
        for (var k = 0; k < inputs.Length; k++)
        {
            Assert.Equal(expected[k], calibrator.Calibrate(inputs[k]), 6);
        }
    }

    [Fact]
    public void Isotonic_output_never_decreases()
    {
        var (labels, scores) = Miscalibrated(5_000, seed: 1);
        var calibrator = IsotonicCalibrator.Fit(labels, scores);

        var previous = double.NegativeInfinity;
        for (var p = 0.0; p <= 1.0; p += 0.001)
        {
            var value = calibrator.Calibrate(p);
            Assert.True(value >= previous, $"calibrated({p}) = {value} < {previous}");
            previous = value;
        }
    }

    [Theory]
    [InlineData("platt")]
    [InlineData("isotonic")]
    public void Calibration_lowers_the_brier_score_of_a_miscalibrated_scorer(string kind)
    {
        var (fitLabels, fitScores) = Miscalibrated(20_000, seed: 2);
        var (labels, scores) = Miscalibrated(20_000, seed: 3);
        IProbabilityCalibrator calibrator = kind == "platt"
            ? PlattCalibrator.Fit(fitLabels, fitScores)
            : IsotonicCalibrator.Fit(fitLabels, fitScores);

        var calibrated = new float[scores.Length];
        calibrator.Calibrate(scores, calibrated);

        var before = ProbabilityMetrics.BrierScore(labels, scores);
        var after = ProbabilityMetrics.BrierScore(labels, calibrated);
        Assert.True(after < before - 0.005, $"Brier {before} → {after}");
        Assert.True(
            ProbabilityMetrics.ExpectedCalibrationError(labels, calibrated) < ProbabilityMetrics.ExpectedCalibrationError(labels, scores) / 2);
    }

    [Fact]
    public void Platt_recovers_the_distortion_of_an_overconfident_scorer()
    {
        // The scorer reports σ(3·m) where the truth is σ(m): Platt should find A ≈ 1/3, B ≈ 0.
        var (labels, scores) = Miscalibrated(50_000, seed: 4);
        var calibrator = PlattCalibrator.Fit(labels, scores);

        Assert.InRange(calibrator.A, 0.30, 0.37);
        Assert.InRange(calibrator.B, -0.06, 0.06);
    }

    [Fact]
    public void Budget_threshold_flags_exactly_k_percent()
    {
        var random = new Random(5);
        var scores = Enumerable.Range(0, 1_000).Select(i => (i + 0.5f) / 1_000).ToArray();
        random.Shuffle(scores);
        Assert.Equal(1_000, scores.Distinct().Count());
        var labels = scores.Select(s => s > 0.7f ? 1f : 0f).ToArray();

        foreach (var fraction in new[] { 0.05, 0.1, 0.25 })
        {
            var choice = ThresholdSelection.ForBudget(labels, scores, fraction);
            Assert.Equal((int)Math.Round(fraction * 1_000), scores.Count(s => s >= choice.Threshold));
            Assert.Equal(fraction, choice.FlaggedFraction, 12);
        }
    }

    [Fact]
    public void Max_f1_and_target_recall_thresholds_match_a_hand_computation()
    {
        // Scores high to low with labels: 0.9:1 0.8:1 0.7:0 0.6:1 0.5:0 0.4:1 0.3:0 0.2:0 (4 positives).
        float[] scores = [0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f];
        float[] labels = [1, 1, 0, 1, 0, 1, 0, 0];

        // F1 = 2·TP / (flagged + 4): 0.9 → 2/5, 0.8 → 4/6, 0.7 → 4/7, 0.6 → 6/8, 0.5 → 6/9, 0.4 → 8/10, 0.3 → 8/11.
        var best = ThresholdSelection.MaxF1(labels, scores);
        Assert.Equal(0.4f, (float)best.Threshold);
        Assert.Equal(0.8, best.F1, 12);

        // Recall 3/4 is first reached at 0.6 (TP = 3).
        var recall = ThresholdSelection.ForRecall(labels, scores, 0.75);
        Assert.Equal(0.6f, (float)recall.Threshold);
        Assert.Equal(0.75, recall.Precision, 12);
    }

    [Fact]
    public void Risk_bands_follow_their_cut_points()
    {
        var bands = RiskBands.FromThresholds(0.6, 0.3);

        Assert.Equal(0.3, bands.MediumFrom);
        Assert.Equal(RiskBand.Low, bands.Classify(0.29));
        Assert.Equal(RiskBand.Medium, bands.Classify(0.3));
        Assert.Equal(RiskBand.Medium, bands.Classify(0.59));
        Assert.Equal(RiskBand.High, bands.Classify(0.6));
        Assert.Throws<ArgumentException>(() => new RiskBands(0.7, 0.2));
    }

    /// <summary>Labels drawn with P = σ(m), m ~ U(−3, 3), and an overconfident score σ(3m).</summary>
    private static (float[] Labels, float[] Scores) Miscalibrated(int rows, int seed)
    {
        var random = new Random(seed);
        var labels = new float[rows];
        var scores = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var m = (random.NextDouble() * 6) - 3;
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-m)) ? 1 : 0;
            scores[i] = (float)(1 / (1 + Math.Exp(-3 * m)));
        }

        return (labels, scores);
    }
}
