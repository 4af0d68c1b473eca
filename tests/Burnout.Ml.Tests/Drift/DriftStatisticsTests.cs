using Burnout.Ml.Data;
using Burnout.Ml.Drift;

namespace Burnout.Ml.Tests.Drift;

/// <summary>
/// Expected values come from /tmp/drift_expected.py-style scripts run with /usr/bin/python3 (SciPy 1.10.1, NumPy):
/// reference value i = float32(sin(1.7·i)·3 + (i mod 7)·0.1), current value j = float32(cos(0.9·j)·3 + 0.5).
/// </summary>
public sealed class DriftStatisticsTests
{
    [Theory]
    [InlineData(80, 80, 0.1375, 0.4382622708472999)]
    [InlineData(120, 75, 0.14166666666666666, 0.28402827278728826)]
    [InlineData(300, 1000, 0.09666666666666666, 0.025092554469232527)]
    public void Kolmogorov_smirnov_matches_scipy_exact_p_values(int n1, int n2, double statistic, double pValue)
    {
        // scipy.stats.ks_2samp(ref(n1), cur(n2)) — method "auto" is exact at these sizes.
        var (d, p) = KolmogorovSmirnov.Test(Reference(n1), Current(n2));

        Assert.Equal(statistic, d, 12);
        Assert.Equal(pValue, p, 10);
    }

    [Theory]
    [InlineData(50, 20_000, 0.1, 0.6623112704658186, 0.02)]
    [InlineData(20_000, 15_000, 0.10015, 2.730812603495841e-75, 1e-76)]
    public void Kolmogorov_smirnov_is_close_to_scipy_on_large_samples(int n1, int n2, double statistic, double pValue, double tolerance)
    {
        // scipy.stats.ks_2samp switches to kstwo (finite-n) here; the Stephens-corrected limit is close, not equal
        // (0.678 against 0.662 at n = mn/(m+n) ≈ 50).
        var (d, p) = KolmogorovSmirnov.Test(Reference(n1), Current(n2));

        Assert.Equal(statistic, d, 12);
        Assert.InRange(p, pValue - tolerance, pValue + tolerance);
    }

    [Fact]
    public void Wasserstein_matches_scipy()
    {
        // scipy.stats.wasserstein_distance(ref(500), cur(400)), and divided by np.std(ref(500)).
        Assert.Equal(0.21469883678434415, DriftStatistics.Wasserstein(Reference(500), Current(400)), 10);
        Assert.Equal(0.10069226840736678, DriftStatistics.WassersteinNormed(Reference(500), Current(400)), 10);
        Assert.Equal(0.0, DriftStatistics.Wasserstein(Reference(100), Reference(100)));
    }

    [Fact]
    public void Jensen_shannon_matches_scipy_base_two()
    {
        // scipy.spatial.distance.jensenshannon([10, 20, 30, 0], [5, 25, 20, 10], base=2).
        Assert.Equal(0.33014655929512626, DriftStatistics.JensenShannonDistance([10.0, 20, 30, 0], [5.0, 25, 20, 10]), 12);
        Assert.Equal(1.0, DriftStatistics.JensenShannonDistance([1.0, 0], [0.0, 1]), 12);
    }

    [Fact]
    public void Chi_square_matches_scipy_chisquare()
    {
        // Reference codes i mod 4 (i < 200) → 50 each; current (j² mod 4, j < 150) → 75, 75, 0, 0.
        // scipy.stats.chisquare([75, 75, 0, 0], [50, 50, 50, 50] · 150/200) = (150.0, 2.6349139284880416e-32).
        var reference = Enumerable.Range(0, 200).Select(i => (float)(i % 4)).ToArray();
        var current = Enumerable.Range(0, 150).Select(j => (float)(j * j % 4)).ToArray();

        var (statistic, p) = DriftStatistics.ChiSquare(reference, current);

        Assert.Equal(150.0, statistic, 10);
        Assert.Equal(2.6349139284880416e-32, p, 1e-40);
    }

    [Fact]
    public void Z_test_matches_the_two_proportion_formula()
    {
        // Reference: 1 when i mod 3 = 0 (300 rows); current: 1 when j even (200 rows). Evaluated in NumPy/SciPy:
        // z = 3.7267799624996485, p = 2·norm.sf(|z|) = 0.0001939416291037198.
        var reference = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? 1f : 0f).ToArray();
        var current = Enumerable.Range(0, 200).Select(j => j % 2 == 0 ? 1f : 0f).ToArray();

        var (z, p) = DriftStatistics.ZTest(reference, current);

        Assert.Equal(3.7267799624996485, z, 10);
        Assert.Equal(0.0001939416291037198, p, 14);
    }

    [Fact]
    public void Psi_uses_reference_deciles_and_floors_empty_bins()
    {
        // NumPy: cuts = unique(quantile(R, [.1 … .9])); shares by searchsorted(cuts, ·, "left"); floor 1e-4;
        // Σ (c − r)·ln(c / r) with R = ref(1000), C = cur(800) → 0.21594376117078862.
        Assert.Equal(0.21594376117078862, DriftStatistics.PopulationStabilityIndex(Reference(1000), Current(800)), 10);
        Assert.Equal(0.0, DriftStatistics.PopulationStabilityIndex(Reference(1000), Reference(1000)), 12);
    }

    [Fact]
    public void Special_functions_match_scipy()
    {
        // scipy.stats.chi2.sf(7.3, 3), chi2.sf(250, 40), norm.sf(3.1).
        Assert.Equal(0.06292623645904312, DriftProbabilities.ChiSquareSurvival(7.3, 3), 13);
        Assert.Equal(3.4695368870539687e-32, DriftProbabilities.ChiSquareSurvival(250, 40), 1e-44);
        Assert.Equal(0.0009676032132183563, DriftProbabilities.NormalSurvival(3.1), 15);
    }

    [Fact]
    public void The_method_is_chosen_like_evidently()
    {
        var small = Reference(500);
        var large = Reference(5_000);
        float[] binary = [.. Enumerable.Range(0, 500).Select(i => (float)(i % 2))];
        float[] threeCodes = [.. Enumerable.Range(0, 500).Select(i => (float)(i % 3))];

        Assert.Equal(DriftMethod.KolmogorovSmirnov, DriftDetector.ChooseMethod(FeatureKind.Numeric, small, small));
        Assert.Equal(DriftMethod.WassersteinNormed, DriftDetector.ChooseMethod(FeatureKind.Numeric, large, large));
        Assert.Equal(DriftMethod.ZTest, DriftDetector.ChooseMethod(FeatureKind.Categorical, binary, binary));
        Assert.Equal(DriftMethod.ChiSquare, DriftDetector.ChooseMethod(FeatureKind.Categorical, threeCodes, threeCodes));
        Assert.Equal(DriftMethod.ChiSquare, DriftDetector.ChooseMethod(FeatureKind.Numeric, threeCodes, threeCodes));
        Assert.Equal(DriftMethod.JensenShannon, DriftDetector.ChooseMethod(FeatureKind.Categorical, [.. threeCodes, .. threeCodes, .. threeCodes], threeCodes));
    }

    [Fact]
    public void Detect_flags_a_shifted_feature_and_not_an_unchanged_one()
    {
        var reference = Reference(800);
        var shifted = reference.Select(v => v + 1.5f).ToArray();

        var drift = DriftDetector.Detect(FeatureKind.Numeric, reference, shifted);
        Assert.Equal(DriftMethod.KolmogorovSmirnov, drift.Method);
        Assert.True(drift.Drifted);
        Assert.False(DriftDetector.Detect(FeatureKind.Numeric, reference, reference).Drifted);

        var large = Reference(4_000);
        var largeDrift = DriftDetector.Detect(FeatureKind.Numeric, large, large.Select(v => v + 1.5f).ToArray());
        Assert.Equal(DriftMethod.WassersteinNormed, largeDrift.Method);
        Assert.True(largeDrift.Drifted);
        Assert.Null(largeDrift.PValue);
    }

    [Fact]
    public void Dataset_drift_tests_every_feature_and_counts_the_drifted_share()
    {
        var schema = new FeatureSchema([FeatureDefinition.Numeric("steady"), FeatureDefinition.Numeric("moving"), FeatureDefinition.Categorical("code", [])]);
        var reference = Matrix(schema, 600, shift: 0);
        var current = Matrix(schema, 600, shift: 2);

        var drift = DatasetDrift.Compute(reference, current);

        Assert.Equal(["steady", "moving", "code"], drift.Features.Select(f => f.Feature));
        Assert.False(drift.Features[0].Result.Drifted);
        Assert.True(drift.Features[1].Result.Drifted);
        Assert.Equal(DriftMethod.ChiSquare, drift.Features[2].Result.Method);
        Assert.False(drift.Features[2].Result.Drifted);
        Assert.Equal(1.0 / 3, drift.DriftShare, 12);
        Assert.False(drift.Drifted);
    }

    private static FeatureMatrix Matrix(FeatureSchema schema, int rows, float shift)
    {
        var steady = Reference(rows);
        var values = new float[rows * 3];
        for (var i = 0; i < rows; i++)
        {
            values[i * 3] = steady[i];
            values[(i * 3) + 1] = steady[i] + shift;
            values[(i * 3) + 2] = i % 4;
        }

        return new FeatureMatrix(schema, values, rows);
    }

    private static float[] Reference(int n) => [.. Enumerable.Range(0, n).Select(i => (float)((Math.Sin(i * 1.7) * 3) + (i % 7 * 0.1)))];

    private static float[] Current(int n) => [.. Enumerable.Range(0, n).Select(j => (float)((Math.Cos(j * 0.9) * 3) + 0.5))];
}
