using Burnout.Ml.Data;

namespace Burnout.Ml.Drift;

/// <summary>A drift test.</summary>
public enum DriftMethod
{
    /// <summary>Two-sample Kolmogorov–Smirnov; drift when p &lt; threshold (default 0.05).</summary>
    KolmogorovSmirnov,

    /// <summary>Wasserstein distance over the reference's standard deviation; drift when ≥ threshold (default 0.1).</summary>
    WassersteinNormed,

    /// <summary>Chi-square goodness of fit; drift when p &lt; threshold (default 0.05).</summary>
    ChiSquare,

    /// <summary>Two-proportion z-test for two categories; drift when p &lt; threshold (default 0.05).</summary>
    ZTest,

    /// <summary>Jensen–Shannon distance, base 2; drift when ≥ threshold (default 0.1).</summary>
    JensenShannon,

    /// <summary>Population stability index on reference deciles; drift when ≥ threshold (default 0.1).</summary>
    PopulationStabilityIndex,
}

/// <summary>The outcome of one drift test.</summary>
/// <param name="Statistic">The test's statistic or distance.</param>
/// <param name="PValue">For tests (KS, chi-square, z), the p-value; null for distances.</param>
/// <param name="Score">What the threshold is compared with: the p-value for tests, the statistic for distances.</param>
public sealed record DriftResult(DriftMethod Method, double Statistic, double? PValue, double Score, double Threshold, bool Drifted);

/// <summary>
/// Runs a drift test on one feature, choosing it the way Evidently's default does when none is given:
/// with at most 1000 reference values, numeric features use KS, categorical features (and numeric ones with at most
/// 5 distinct values) chi-square, or the z-test when there are only two values; with more reference values, numeric
/// features use the normed Wasserstein distance and categorical (or ≤ 5-valued numeric) ones Jensen–Shannon.
/// </summary>
public static class DriftDetector
{
    /// <summary>Reference size up to which the statistical tests are used rather than distances.</summary>
    public const int SmallSampleLimit = 1000;

    public static DriftMethod ChooseMethod(FeatureKind kind, ReadOnlySpan<float> reference, ReadOnlySpan<float> current)
    {
        var distinct = DriftInputs.Frequencies(reference, current).Values.Length;
        var categoricalLike = kind == FeatureKind.Categorical || distinct <= 5;
        if (reference.Length <= SmallSampleLimit)
        {
            return !categoricalLike ? DriftMethod.KolmogorovSmirnov : distinct > 2 ? DriftMethod.ChiSquare : DriftMethod.ZTest;
        }

        return categoricalLike ? DriftMethod.JensenShannon : DriftMethod.WassersteinNormed;
    }

    public static double DefaultThreshold(DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ZTest => 0.05,
        _ => 0.1,
    };

    public static DriftResult Detect(
        FeatureKind kind, ReadOnlySpan<float> reference, ReadOnlySpan<float> current, DriftMethod? method = null, double? threshold = null)
    {
        var chosen = method ?? ChooseMethod(kind, reference, current);
        var limit = threshold ?? DefaultThreshold(chosen);
        switch (chosen)
        {
            case DriftMethod.KolmogorovSmirnov:
                var ks = KolmogorovSmirnov.Test(reference, current);
                return new DriftResult(chosen, ks.Statistic, ks.PValue, ks.PValue, limit, ks.PValue < limit);
            case DriftMethod.ChiSquare:
                var chi = DriftStatistics.ChiSquare(reference, current);
                return new DriftResult(chosen, chi.Statistic, chi.PValue, chi.PValue, limit, chi.PValue < limit);
            case DriftMethod.ZTest:
                var z = DriftStatistics.ZTest(reference, current);
                return new DriftResult(chosen, z.Statistic, z.PValue, z.PValue, limit, z.PValue < limit);
            case DriftMethod.WassersteinNormed:
                return Distance(chosen, DriftStatistics.WassersteinNormed(reference, current), limit);
            case DriftMethod.JensenShannon:
                var categoricalLike = kind == FeatureKind.Categorical || DriftInputs.Frequencies(reference, current).Values.Length <= 5;
                return Distance(chosen, DriftStatistics.JensenShannonDistance(reference, current, categoricalLike), limit);
            case DriftMethod.PopulationStabilityIndex:
                return Distance(chosen, DriftStatistics.PopulationStabilityIndex(reference, current), limit);
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown drift method.");
        }
    }

    private static DriftResult Distance(DriftMethod method, double value, double threshold) =>
        new(method, value, null, value, threshold, value >= threshold);
}
