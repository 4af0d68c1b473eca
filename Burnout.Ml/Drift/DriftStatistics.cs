namespace Burnout.Ml.Drift;

/// <summary>
/// Distances and tests between a reference sample and a current sample of one feature. NaN (missing) values are
/// dropped before any statistic; categorical features are passed as their codes.
/// </summary>
public static class DriftStatistics
{
    /// <summary>Proportions below this are raised to it before taking logs in <see cref="PopulationStabilityIndex"/> (as Evidently does).</summary>
    public const double PsiEpsilon = 1e-4;

    /// <summary>
    /// Population stability index Σ (c − r)·ln(c / r) over <paramref name="bins"/> bins cut at the reference's quantiles
    /// (type-7, linear interpolation, like NumPy's default), the outer bins open-ended. Duplicate cut points (from
    /// heavily tied references) are merged, so there may be fewer bins. Empty-bin proportions become <see cref="PsiEpsilon"/>.
    /// </summary>
    public static double PopulationStabilityIndex(ReadOnlySpan<float> reference, ReadOnlySpan<float> current, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var r = DriftInputs.SortedFinite(reference);
        var c = DriftInputs.SortedFinite(current);
        RequireBoth(r, c);
        var cuts = new List<double>();
        for (var k = 1; k < bins; k++)
        {
            var q = Quantile(r, (double)k / bins);
            if (cuts.Count == 0 || q > cuts[^1])
            {
                cuts.Add(q);
            }
        }

        var referenceShares = BinShares(r, cuts);
        var currentShares = BinShares(c, cuts);
        double psi = 0;
        for (var b = 0; b < referenceShares.Length; b++)
        {
            var rs = Math.Max(referenceShares[b], PsiEpsilon);
            var cs = Math.Max(currentShares[b], PsiEpsilon);
            psi += (cs - rs) * Math.Log(cs / rs);
        }

        return psi;
    }

    /// <summary>
    /// Wasserstein-1 distance between the empirical distributions, exactly: ∫ |F_ref(x) − F_cur(x)| dx, as SciPy's
    /// <c>wasserstein_distance(u, v)</c>.
    /// </summary>
    public static double Wasserstein(ReadOnlySpan<float> reference, ReadOnlySpan<float> current)
    {
        var a = DriftInputs.SortedFinite(reference);
        var b = DriftInputs.SortedFinite(current);
        RequireBoth(a, b);
        int i = 0, j = 0;
        double distance = 0;
        var previous = (double)Math.Min(a[0], b[0]);
        while (i < a.Length || j < b.Length)
        {
            double x = i < a.Length && (j >= b.Length || a[i] <= b[j]) ? a[i] : b[j];
            distance += Math.Abs(((double)i / a.Length) - ((double)j / b.Length)) * (x - previous);
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }

            previous = x;
        }

        return distance;
    }

    /// <summary>
    /// Evidently's "Wasserstein distance (normed)": <see cref="Wasserstein"/> divided by the reference's population
    /// standard deviation, floored at 0.001 so a constant reference does not divide by zero.
    /// </summary>
    public static double WassersteinNormed(ReadOnlySpan<float> reference, ReadOnlySpan<float> current)
    {
        var r = DriftInputs.SortedFinite(reference);
        double mean = 0, squares = 0;
        foreach (var v in r)
        {
            mean += v;
        }

        mean /= Math.Max(1, r.Length);
        foreach (var v in r)
        {
            squares += (v - mean) * (v - mean);
        }

        var sd = Math.Sqrt(squares / Math.Max(1, r.Length));
        return Wasserstein(reference, current) / Math.Max(sd, 0.001);
    }

    /// <summary>
    /// Jensen–Shannon distance between two discrete distributions (normalised first): √(½ KL(p‖m) + ½ KL(q‖m)),
    /// m = (p + q)/2, with logarithms to <paramref name="logBase"/> (default 2, so the distance lies in [0, 1]).
    /// SciPy's <c>jensenshannon(p, q, base=2)</c>.
    /// </summary>
    public static double JensenShannonDistance(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double logBase = 2)
    {
        if (p.Length != q.Length || p.IsEmpty)
        {
            throw new ArgumentException("Both distributions need the same, non-zero number of entries.");
        }

        double sp = 0, sq = 0;
        for (var k = 0; k < p.Length; k++)
        {
            if (p[k] < 0 || q[k] < 0)
            {
                throw new ArgumentException("Probabilities cannot be negative.");
            }

            sp += p[k];
            sq += q[k];
        }

        double divergence = 0;
        for (var k = 0; k < p.Length; k++)
        {
            var pk = p[k] / sp;
            var qk = q[k] / sq;
            var mk = (pk + qk) / 2;
            if (pk > 0)
            {
                divergence += pk * Math.Log(pk / mk);
            }

            if (qk > 0)
            {
                divergence += qk * Math.Log(qk / mk);
            }
        }

        return Math.Sqrt(Math.Max(0, divergence / 2 / Math.Log(logBase)));
    }

    /// <summary>
    /// Jensen–Shannon distance (base 2) between two samples. Categorical samples compare their category frequencies;
    /// numeric samples compare histograms over <paramref name="bins"/> equal-width bins spanning both samples (NumPy's
    /// <c>histogram_bin_edges(concat, bins)</c>, as Evidently bins them).
    /// </summary>
    public static double JensenShannonDistance(ReadOnlySpan<float> reference, ReadOnlySpan<float> current, bool categorical, int bins = 30)
    {
        if (categorical)
        {
            var (_, r, c) = DriftInputs.Frequencies(reference, current);
            RequireBoth(r, c);
            return JensenShannonDistance(r, c);
        }

        var a = DriftInputs.SortedFinite(reference);
        var b = DriftInputs.SortedFinite(current);
        RequireBoth(a, b);
        double lo = Math.Min(a[0], b[0]), hi = Math.Max(a[^1], b[^1]);
        if (lo == hi)
        {
            (lo, hi) = (lo - 0.5, hi + 0.5);
        }

        return JensenShannonDistance(Histogram(a, lo, hi, bins), Histogram(b, lo, hi, bins));
    }

    /// <summary>
    /// Pearson's chi-square goodness-of-fit of the current category counts against the reference proportions scaled
    /// to the current size (Evidently's chi-square drift test: <c>scipy.stats.chisquare(observed, expected)</c>),
    /// over the categories seen in either sample; k − 1 degrees of freedom. A category absent from the reference but
    /// present now gives an infinite statistic and p = 0.
    /// </summary>
    public static (double Statistic, double PValue) ChiSquare(ReadOnlySpan<float> reference, ReadOnlySpan<float> current)
    {
        var (_, r, c) = DriftInputs.Frequencies(reference, current);
        double nr = r.Sum(), nc = c.Sum();
        if (nr == 0 || nc == 0)
        {
            throw new ArgumentException("Both samples need at least one non-missing value.");
        }

        double statistic = 0;
        for (var k = 0; k < r.Length; k++)
        {
            var expected = r[k] * nc / nr;
            var difference = c[k] - expected;
            statistic += expected > 0 ? difference * difference / expected : (difference != 0 ? double.PositiveInfinity : 0);
        }

        return r.Length < 2
            ? (0, 1)
            : (statistic, double.IsPositiveInfinity(statistic) ? 0 : SpecialFunctions.ChiSquareSurvival(statistic, r.Length - 1));
    }

    /// <summary>
    /// Two-proportion z-test for a binary feature (Evidently's Z-test): z = (p_ref − p_cur) / √(P(1 − P)(1/n₁ + 1/n₂)) with
    /// the pooled share P of the smallest category code; two-sided p-value. Identical constant samples give p = 1.
    /// </summary>
    public static (double Statistic, double PValue) ZTest(ReadOnlySpan<float> reference, ReadOnlySpan<float> current)
    {
        var (values, r, c) = DriftInputs.Frequencies(reference, current);
        if (values.Length > 2)
        {
            throw new ArgumentException($"The z-test compares two categories; the samples hold {values.Length}.");
        }

        double n1 = r.Sum(), n2 = c.Sum();
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both samples need at least one non-missing value.");
        }

        if (values.Length < 2)
        {
            return (0, 1);
        }

        double p1 = r[0] / n1, p2 = c[0] / n2;
        var pooled = (r[0] + c[0]) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * ((1 / n1) + (1 / n2)));
        return (z, Math.Min(1, 2 * SpecialFunctions.NormalSurvival(Math.Abs(z))));
    }

    /// <summary>Type-7 quantile of sorted data (NumPy's default "linear").</summary>
    internal static double Quantile(float[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((position - lo) * (sorted[hi] - (double)sorted[lo]));
    }

    /// <summary>Shares of sorted values in the bins (−∞, c₀], (c₀, c₁], …, (c_last, ∞).</summary>
    private static double[] BinShares(float[] sorted, List<double> cuts)
    {
        var shares = new double[cuts.Count + 1];
        var b = 0;
        foreach (var v in sorted)
        {
            while (b < cuts.Count && v > cuts[b])
            {
                b++;
            }

            shares[b]++;
        }

        for (var k = 0; k < shares.Length; k++)
        {
            shares[k] /= sorted.Length;
        }

        return shares;
    }

    /// <summary>NumPy-style histogram: equal-width bins on [lo, hi], the last bin closed.</summary>
    private static double[] Histogram(float[] values, double lo, double hi, int bins)
    {
        var counts = new double[bins];
        var width = (hi - lo) / bins;
        foreach (var v in values)
        {
            var b = (int)((v - lo) / width);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }

        return counts;
    }

    private static void RequireBoth<T>(T[] a, T[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            throw new ArgumentException("Both samples need at least one non-missing value.");
        }
    }
}
