namespace Burnout.Ml.Bench;

/// <summary>The evaluation numbers the benchmark prints, computed the textbook way.</summary>
internal static class BenchMetrics
{
    public static double RocAuc(float[] labels, float[] scores)
    {
        var order = Enumerable.Range(0, labels.Length).OrderBy(i => scores[i]).ToArray();
        double positives = labels.Count(l => l > 0.5f), negatives = labels.Length - positives, rankSum = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                j++;
            }

            var midRank = (i + j + 1) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (labels[order[k]] > 0.5f)
                {
                    rankSum += midRank;
                }
            }

            i = j;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    /// <summary>Average precision (step-wise area under the precision–recall curve, as scikit-learn).</summary>
    public static double PrAuc(float[] labels, float[] scores)
    {
        var order = Enumerable.Range(0, labels.Length).OrderByDescending(i => scores[i]).ToArray();
        double positives = labels.Count(l => l > 0.5f), tp = 0, fp = 0, ap = 0, previousRecall = 0;
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                if (labels[order[j]] > 0.5f)
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                j++;
            }

            var recall = tp / positives;
            ap += (recall - previousRecall) * (tp / (tp + fp));
            previousRecall = recall;
            i = j;
        }

        return ap;
    }

    public static (double LogLoss, double Brier, double Accuracy, double F1) Pointwise(float[] labels, float[] p)
    {
        double logLoss = 0, brier = 0, correct = 0, tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var q = Math.Clamp(p[i], 1e-15, 1 - 1e-15);
            var y = labels[i];
            logLoss -= (y * Math.Log(q)) + ((1 - y) * Math.Log(1 - q));
            brier += (p[i] - y) * (p[i] - y);
            var predicted = p[i] >= 0.5f;
            var actual = y > 0.5f;
            correct += predicted == actual ? 1 : 0;
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }

        return (logLoss / labels.Length, brier / labels.Length, correct / labels.Length, 2 * tp / ((2 * tp) + fp + fn));
    }
}
