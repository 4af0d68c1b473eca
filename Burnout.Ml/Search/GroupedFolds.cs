namespace Burnout.Ml.Search;

/// <summary>One cross-validation split: row indices to train on and to validate on.</summary>
public sealed record Fold(int[] TrainRows, int[] ValidationRows);

/// <summary>
/// K-fold splits that keep every group (e.g. a student id) on one side: all of a group's rows are in the same
/// validation fold. Groups are shuffled with the seed, then placed largest first; plain grouping puts each group in
/// the fold with the fewest rows so far (scikit-learn's GroupKFold, with seeded tie-breaking), stratified grouping
/// in the fold whose positive share it brings closest to the overall share while keeping sizes even
/// (in the spirit of StratifiedGroupKFold).
/// </summary>
public static class GroupedFolds
{
    public static Fold[] Split<TGroup>(IReadOnlyList<TGroup> groups, int folds, int seed, ReadOnlySpan<float> labels = default)
        where TGroup : notnull
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var stratified = !labels.IsEmpty;
        if (stratified && labels.Length != groups.Count)
        {
            throw new ArgumentException($"labels has {labels.Length} rows but groups has {groups.Count}.", nameof(labels));
        }

        var rowsByGroup = new Dictionary<TGroup, List<int>>();
        var order = new List<TGroup>();
        for (var i = 0; i < groups.Count; i++)
        {
            if (!rowsByGroup.TryGetValue(groups[i], out var rows))
            {
                rows = [];
                rowsByGroup.Add(groups[i], rows);
                order.Add(groups[i]);
            }

            rows.Add(i);
        }

        if (order.Count < folds)
        {
            throw new ArgumentException($"{order.Count} groups cannot fill {folds} folds.", nameof(groups));
        }

        var shuffled = order.ToArray();
        new Random(seed).Shuffle(shuffled);

        // Stable sort by size (largest first) keeps the seeded order among equal sizes.
        var placed = shuffled.Select((g, k) => (Group: g, Rank: k)).OrderByDescending(p => rowsByGroup[p.Group].Count).ThenBy(p => p.Rank).ToArray();
        var foldRows = new double[folds];
        var foldPositives = new double[folds];
        var totalPositives = 0.0;
        if (stratified)
        {
            foreach (var label in labels)
            {
                totalPositives += label;
            }
        }

        var overallRate = stratified ? totalPositives / groups.Count : 0;
        var assignment = new Dictionary<TGroup, int>();
        foreach (var (group, _) in placed)
        {
            var rows = rowsByGroup[group];
            double positives = 0;
            if (stratified)
            {
                foreach (var row in rows)
                {
                    positives += labels[row];
                }
            }

            var best = 0;
            var bestCost = double.PositiveInfinity;
            for (var f = 0; f < folds; f++)
            {
                var size = foldRows[f] + rows.Count;
                var cost = size;
                if (stratified)
                {
                    // Distance from the overall positive rate, in rows, plus size so folds stay even.
                    cost = (Math.Abs(((foldPositives[f] + positives) / size) - overallRate) * groups.Count / folds) + size;
                }

                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = f;
                }
            }

            assignment[group] = best;
            foldRows[best] += rows.Count;
            foldPositives[best] += positives;
        }

        var result = new Fold[folds];
        for (var f = 0; f < folds; f++)
        {
            var validation = new List<int>();
            var train = new List<int>();
            for (var i = 0; i < groups.Count; i++)
            {
                (assignment[groups[i]] == f ? validation : train).Add(i);
            }

            result[f] = new Fold(train.ToArray(), validation.ToArray());
        }

        return result;
    }
}
