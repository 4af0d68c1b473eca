using Burnout.Ml.Trees;

namespace Burnout.Ml.Importance;

/// <summary>Global importance from the trees themselves: the loss reduction of every split, summed per feature.</summary>
public static class GainImportance
{
    /// <summary>
    /// Per schema feature, the total split gain over all trees divided by the total over all features
    /// (so the values sum to 1, or are all 0 for trees without splits).
    /// </summary>
    public static double[] Compute(IEnumerable<TreeState> trees, int featureCount)
    {
        var gains = new double[featureCount];
        foreach (var tree in trees)
        {
            foreach (var split in tree.Splits)
            {
                gains[split.Feature] += split.Gain;
            }
        }

        var total = gains.Sum();
        if (total > 0)
        {
            for (var f = 0; f < gains.Length; f++)
            {
                gains[f] /= total;
            }
        }

        return gains;
    }
}
