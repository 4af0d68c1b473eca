namespace Burnout.Ml.Metrics;

/// <summary>
/// Breaks any metric down by a group per row (school, gender, cohort ...) for fairness audits. Groups are
/// reported in ascending order of their key; a metric that is undefined for a group (e.g. AUC when the group
/// holds one class) comes back as NaN for that group rather than failing the audit.
/// </summary>
public static class GroupedMetrics
{
    /// <summary>A metric over (labels, scores, weights); weights is empty when unweighted.</summary>
    public delegate double Metric(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights);

    public static IReadOnlyList<GroupResult<TGroup, double>> ByGroup<TGroup>(
        ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, IReadOnlyList<TGroup> groups, Metric metric, ReadOnlySpan<float> weights = default)
        where TGroup : notnull
    {
        var results = new List<GroupResult<TGroup, double>>();
        foreach (var (group, rows) in Partition(labels.Length, groups))
        {
            Gather(labels, scores, weights, rows, out var groupLabels, out var groupScores, out var groupWeights);
            results.Add(new GroupResult<TGroup, double>(group, rows.Length, metric(groupLabels, groupScores, groupWeights)));
        }

        return results;
    }

    /// <summary>The full <see cref="BinaryClassificationReport"/> for each group.</summary>
    public static IReadOnlyList<GroupResult<TGroup, BinaryClassificationReport>> Reports<TGroup>(
        ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, IReadOnlyList<TGroup> groups, double threshold = 0.5, ReadOnlySpan<float> weights = default)
        where TGroup : notnull
    {
        var results = new List<GroupResult<TGroup, BinaryClassificationReport>>();
        foreach (var (group, rows) in Partition(labels.Length, groups))
        {
            Gather(labels, probabilities, weights, rows, out var groupLabels, out var groupScores, out var groupWeights);
            results.Add(new GroupResult<TGroup, BinaryClassificationReport>(
                group, rows.Length, BinaryClassificationReport.Compute(groupLabels, groupScores, threshold, groupWeights)));
        }

        return results;
    }

    private static List<(TGroup Group, int[] Rows)> Partition<TGroup>(int rowCount, IReadOnlyList<TGroup> groups)
        where TGroup : notnull
    {
        if (groups.Count != rowCount)
        {
            throw new ArgumentException($"groups has {groups.Count} entries for {rowCount} rows.", nameof(groups));
        }

        var byGroup = new SortedDictionary<TGroup, List<int>>(Comparer<TGroup>.Default);
        for (var i = 0; i < rowCount; i++)
        {
            if (!byGroup.TryGetValue(groups[i], out var rows))
            {
                rows = [];
                byGroup.Add(groups[i], rows);
            }

            rows.Add(i);
        }

        return byGroup.Select(pair => (pair.Key, pair.Value.ToArray())).ToList();
    }

    private static void Gather(
        ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, int[] rows,
        out float[] groupLabels, out float[] groupScores, out float[] groupWeights)
    {
        groupLabels = new float[rows.Length];
        groupScores = new float[rows.Length];
        groupWeights = weights.IsEmpty ? [] : new float[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            groupLabels[k] = labels[rows[k]];
            groupScores[k] = scores[rows[k]];
            if (!weights.IsEmpty)
            {
                groupWeights[k] = weights[rows[k]];
            }
        }
    }
}

/// <summary>One group's value of a metric.</summary>
public sealed record GroupResult<TGroup, TValue>(TGroup Group, int Rows, TValue Value);
