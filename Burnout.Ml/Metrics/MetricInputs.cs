namespace Burnout.Ml.Metrics;

/// <summary>Shared argument checks for the metric functions: one label, score and (optional) weight per row.</summary>
internal static class MetricInputs
{
    public static void Check(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights)
    {
        if (labels.Length != scores.Length)
        {
            throw new ArgumentException($"labels has {labels.Length} rows but scores has {scores.Length}.", nameof(scores));
        }

        if (!weights.IsEmpty && weights.Length != labels.Length)
        {
            throw new ArgumentException($"weights has {weights.Length} rows but labels has {labels.Length}.", nameof(weights));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0f or 1f))
            {
                throw new ArgumentException($"Label {i} is {labels[i]}; labels must be 0 or 1.", nameof(labels));
            }

            if (float.IsNaN(scores[i]))
            {
                throw new ArgumentException($"Score {i} is NaN.", nameof(scores));
            }

            if (!weights.IsEmpty && (weights[i] < 0 || !float.IsFinite(weights[i])))
            {
                throw new ArgumentException($"Weight {i} is {weights[i]}; weights must be finite and non-negative.", nameof(weights));
            }
        }
    }

    public static double Weight(ReadOnlySpan<float> weights, int i) => weights.IsEmpty ? 1.0 : weights[i];

    /// <summary>Row indices ordered by ascending score; ties keep row order, so results never depend on the sort.</summary>
    public static int[] OrderByScore(ReadOnlySpan<float> scores)
    {
        var keys = scores.ToArray();
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);

        // Array.Sort is not stable; restore row order inside each run of equal scores.
        var start = 0;
        for (var i = 1; i <= keys.Length; i++)
        {
            if (i == keys.Length || keys[i] != keys[start])
            {
                if (i - start > 1)
                {
                    Array.Sort(order, start, i - start);
                }

                start = i;
            }
        }

        return order;
    }
}
