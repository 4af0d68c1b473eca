namespace Burnout.Ml.Calibration;

/// <summary>
/// Platt scaling: calibrated = σ(A·f + B) with f = logit(p), p clipped to [1e-12, 1 − 1e-12]. A and B minimise the
/// (weighted) log-loss against Platt's smoothed targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2), which keeps a perfectly
/// separated calibration set from driving A to infinity; the fit is Newton's method with backtracking as in
/// Lin, Lin and Weng (2007), the algorithm behind scikit-learn's sigmoid calibration.
/// </summary>
public sealed class PlattCalibrator(double a, double b) : IProbabilityCalibrator
{
    private const double Clip = 1e-12;

    public string Kind => "platt";

    /// <summary>Slope on the logit of the input probability (1 and B = 0 is the identity).</summary>
    public double A { get; } = double.IsFinite(a) ? a : throw new ArgumentOutOfRangeException(nameof(a));

    public double B { get; } = double.IsFinite(b) ? b : throw new ArgumentOutOfRangeException(nameof(b));

    public double Calibrate(double probability)
    {
        var m = (A * Logit(probability)) + B;
        return m >= 0 ? 1 / (1 + Math.Exp(-m)) : Math.Exp(m) / (1 + Math.Exp(m));
    }

    public static PlattCalibrator Fit(ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> weights = default)
    {
        CalibrationInputs.Check(labels, probabilities, weights);
        double positives = 0, negatives = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            if (labels[i] == 1f)
            {
                positives += w;
            }
            else
            {
                negatives += w;
            }
        }

        var highTarget = (positives + 1) / (positives + 2);
        var lowTarget = 1 / (negatives + 2);
        var f = new double[labels.Length];
        var t = new double[labels.Length];
        for (var i = 0; i < f.Length; i++)
        {
            f[i] = Logit(probabilities[i]);
            t[i] = labels[i] == 1f ? highTarget : lowTarget;
        }

        double a = 0, b = Math.Log((negatives + 1) / (positives + 1));
        var value = Objective(f, t, weights, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h21 = 0;
            for (var i = 0; i < f.Length; i++)
            {
                var w = weights.IsEmpty ? 1.0 : weights[i];
                var p = Sigmoid((a * f[i]) + b);
                var d1 = w * (p - t[i]);
                var d2 = w * p * (1 - p);
                g1 += f[i] * d1;
                g2 += d1;
                h11 += f[i] * f[i] * d2;
                h22 += d2;
                h21 += f[i] * d2;
            }

            if (Math.Abs(g1) < 1e-10 * Math.Max(1, positives + negatives) && Math.Abs(g2) < 1e-10 * Math.Max(1, positives + negatives))
            {
                break;
            }

            var det = (h11 * h22) - (h21 * h21);
            var da = -((h22 * g1) - (h21 * g2)) / det;
            var db = -((-h21 * g1) + (h11 * g2)) / det;
            var slope = (g1 * da) + (g2 * db);
            var step = 1.0;
            var improved = false;
            while (step >= 1e-10)
            {
                var candidate = Objective(f, t, weights, a + (step * da), b + (step * db));
                if (candidate <= value + (1e-4 * step * slope))
                {
                    a += step * da;
                    b += step * db;
                    value = candidate;
                    improved = true;
                    break;
                }

                step /= 2;
            }

            if (!improved)
            {
                break;
            }
        }

        return new PlattCalibrator(a, b);
    }

    private static double Objective(double[] f, double[] t, ReadOnlySpan<float> weights, double a, double b)
    {
        double sum = 0;
        for (var i = 0; i < f.Length; i++)
        {
            var m = (a * f[i]) + b;
            var w = weights.IsEmpty ? 1.0 : weights[i];

            // t·log σ(m) + (1 − t)·log(1 − σ(m)) = t·m − log(1 + eᵐ)
            sum += w * ((Math.Max(m, 0) + Math.Log(1 + Math.Exp(-Math.Abs(m)))) - (t[i] * m));
        }

        return sum;
    }

    private static double Logit(double p)
    {
        p = Math.Clamp(p, Clip, 1 - Clip);
        return Math.Log(p / (1 - p));
    }

    private static double Sigmoid(double m) => m >= 0 ? 1 / (1 + Math.Exp(-m)) : Math.Exp(m) / (1 + Math.Exp(m));
}
