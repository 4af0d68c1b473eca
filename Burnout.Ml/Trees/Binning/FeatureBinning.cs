using Burnout.Ml.Data;

namespace Burnout.Ml.Trees.Binning;

/// <summary>
/// How one feature's values map to byte bins. Numeric values go to the first bin whose upper threshold
/// is ≥ the value (so a split "bin ≤ b" is exactly "value ≤ Thresholds[b]" at prediction time);
/// categorical codes 0..K-1 are their own bins. NaN, and for categorical features any code outside
/// 0..K-1, go to <see cref="MissingBin"/>, the bin after the value bins.
/// </summary>
internal sealed class FeatureBinning
{
    private FeatureBinning(float[] thresholds, bool isCategorical, int valueBinCount)
    {
        Thresholds = thresholds;
        IsCategorical = isCategorical;
        ValueBinCount = valueBinCount;
    }

    /// <summary>Upper bounds of value bins 0..n-2 (the last value bin is unbounded); empty for categorical features.</summary>
    public float[] Thresholds { get; }

    public bool IsCategorical { get; }

    public int ValueBinCount { get; }

    public int MissingBin => ValueBinCount;

    /// <summary>Value bins plus the missing bin.</summary>
    public int TotalBins => ValueBinCount + 1;

    public static FeatureBinning Categorical(int categoryCount) => new([], true, Math.Max(1, categoryCount));

    /// <summary>
    /// Thresholds at midpoints between distinct values when there are at most <paramref name="maxBins"/> of
    /// them, else at midpoint quantiles (as scikit-learn's HistGradientBoosting does), deduplicated.
    /// </summary>
    /// <param name="sortedValues">The feature's non-missing sample values, sorted ascending.</param>
    public static FeatureBinning Numeric(ReadOnlySpan<float> sortedValues, int maxBins)
    {
        var distinct = new List<float>();
        for (var i = 0; i < sortedValues.Length; i++)
        {
            if (i == 0 || sortedValues[i] != sortedValues[i - 1])
            {
                distinct.Add(sortedValues[i]);
            }
        }

        var thresholds = new List<float>();
        if (distinct.Count <= maxBins)
        {
            for (var i = 0; i + 1 < distinct.Count; i++)
            {
                thresholds.Add(Midpoint(distinct[i], distinct[i + 1]));
            }
        }
        else
        {
            var n = sortedValues.Length;
            for (var k = 1; k < maxBins; k++)
            {
                // numpy's "midpoint" percentile: the mean of the two order statistics around the rank.
                var rank = (double)k / maxBins * (n - 1);
                var lo = sortedValues[(int)Math.Floor(rank)];
                var hi = sortedValues[(int)Math.Ceiling(rank)];
                var t = lo == hi ? lo : Midpoint(lo, hi);
                if (thresholds.Count == 0 || t > thresholds[^1])
                {
                    thresholds.Add(t);
                }
            }

            // The top quantile can equal the maximum, which would leave the last bin empty.
            while (thresholds.Count > 0 && thresholds[^1] >= sortedValues[^1])
            {
                thresholds.RemoveAt(thresholds.Count - 1);
            }
        }

        return new FeatureBinning([.. thresholds], false, thresholds.Count + 1);
    }

    public byte BinOf(float value)
    {
        if (IsCategorical)
        {
            return IsCategoryCode(value, ValueBinCount) ? (byte)value : (byte)MissingBin;
        }

        if (float.IsNaN(value))
        {
            return (byte)MissingBin;
        }

        // First threshold ≥ value.
        int lo = 0, hi = Thresholds.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (value <= Thresholds[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return (byte)lo;
    }

    /// <summary>A categorical value is a code when it is an integer in [0, categoryCount).</summary>
    public static bool IsCategoryCode(float value, int categoryCount) =>
        value >= 0 && value < categoryCount && value == MathF.Floor(value);

    private static float Midpoint(float a, float b)
    {
        var mid = (float)((a + (double)b) / 2);

        // Rounding can land on b, which would put b in the lower bin.
        return mid < b ? mid : a;
    }
}
