namespace Burnout.Ml.Trees.Forest;

/// <summary>ROC AUC by the rank-sum (Mann–Whitney) formula with tied scores sharing their mean rank.</summary>
internal static class RankAuc
{
    /// <returns>The AUC, or null when one class is absent.</returns>
    public static double? Compute(ReadOnlySpan<float> labels, ReadOnlySpan<double> scores)
    {
        var order = new int[labels.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positives = 0, rankSum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && keys[j] == keys[i])
            {
                j++;
            }

            var meanRank = (i + j + 1) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (labels[order[k]] > 0.5f)
                {
                    positives++;
                    rankSum += meanRank;
                }
            }

            i = j;
        }

        var negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
