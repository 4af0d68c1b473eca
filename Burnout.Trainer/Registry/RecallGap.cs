namespace Burnout.Trainer.Registry;

/// <summary>The fairness measure the gate watches: recall at the serving threshold, per group of students.</summary>
public static class RecallGap
{
    /// <summary>Groups with fewer positives than this are too small for their recall to mean anything.</summary>
    public const int MinPositives = 5;

    /// <returns>max - min recall over groups with enough positives, or null when fewer than two qualify.</returns>
    public static double? Compute(IReadOnlyList<string> groups, ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, double threshold)
    {
        var counts = new Dictionary<string, (int Positives, int Caught)>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] > 0.5f)
            {
                var (positives, caught) = counts.GetValueOrDefault(groups[i]);
                counts[groups[i]] = (positives + 1, caught + (probabilities[i] >= threshold ? 1 : 0));
            }
        }
        var recalls = counts.Values.Where(c => c.Positives >= MinPositives).Select(c => c.Caught / (double)c.Positives).ToList();
        return recalls.Count < 2 ? null : recalls.Max() - recalls.Min();
    }
}
