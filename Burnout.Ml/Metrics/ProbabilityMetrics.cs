namespace Burnout.Ml.Metrics;

/// <summary>Metrics that read the scores as probabilities of the positive class.</summary>
public static class ProbabilityMetrics
{
    /// <summary>Probabilities are clipped to [ε, 1 − ε] with this ε before taking logs, as scikit-learn did up to 1.2.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>The (weighted) mean negative log-likelihood, natural log, clipped by <see cref="LogLossEpsilon"/>.</summary>
    public static double LogLoss(ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.Check(labels, probabilities, weights);
        double sum = 0, total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var p = Math.Clamp((double)probabilities[i], LogLossEpsilon, 1 - LogLossEpsilon);
            var w = MetricInputs.Weight(weights, i);
            sum -= w * (labels[i] == 1f ? Math.Log(p) : Math.Log(1 - p));
            total += w;
        }

        return total > 0 ? sum / total : double.NaN;
    }

    /// <summary>The (weighted) mean squared difference between probability and label.</summary>
    public static double BrierScore(ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.Check(labels, probabilities, weights);
        double sum = 0, total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var d = (double)probabilities[i] - labels[i];
            var w = MetricInputs.Weight(weights, i);
            sum += w * d * d;
            total += w;
        }

        return total > 0 ? sum / total : double.NaN;
    }

    /// <summary>
    /// Expected calibration error with <paramref name="bins"/> equal-width bins on [0, 1]: bin b holds the
    /// probabilities in [b/B, (b+1)/B), the last bin also holds 1. ECE = Σ_b (W_b / W)·|mean label_b − mean probability_b|,
    /// weights W counting rows (or sample weights). Empty bins contribute nothing.
    /// </summary>
    public static double ExpectedCalibrationError(
        ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, int bins = 10, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.Check(labels, probabilities, weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var weightSum = new double[bins];
        var labelSum = new double[bins];
        var probabilitySum = new double[bins];
        double total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var p = Math.Clamp((double)probabilities[i], 0, 1);
            var b = Math.Min((int)(p * bins), bins - 1);
            var w = MetricInputs.Weight(weights, i);
            weightSum[b] += w;
            labelSum[b] += w * labels[i];
            probabilitySum[b] += w * p;
            total += w;
        }

        if (total <= 0)
        {
            return double.NaN;
        }

        double ece = 0;
        for (var b = 0; b < bins; b++)
        {
            if (weightSum[b] > 0)
            {
                ece += Math.Abs(labelSum[b] - probabilitySum[b]) / total;
            }
        }

        return ece;
    }
}
