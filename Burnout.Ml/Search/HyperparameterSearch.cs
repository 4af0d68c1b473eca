using Burnout.Ml.Data;
using Burnout.Ml.Metrics;
using Burnout.Ml.Models;

namespace Burnout.Ml.Search;

/// <summary>Settings of <see cref="HyperparameterSearch"/>.</summary>
public sealed record SearchOptions
{
    /// <summary>Candidates drawn from the parameter space. Default 20.</summary>
    public int Candidates { get; init; } = 20;

    /// <summary>Cross-validation folds; every group stays within one fold. Default 5.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Balance the positive rate across folds (stratified-grouped). Default true.</summary>
    public bool Stratified { get; init; } = true;

    /// <summary>Seed for the folds, the candidates and the halving subsamples. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Successive halving keeps the best 1/Eta of the candidates at each rung. Default 3.</summary>
    public double Eta { get; init; } = 3;

    /// <summary>Share of each fold's training groups the first halving rung trains on. Default 1/9.</summary>
    public double MinResourceFraction { get; init; } = 1.0 / 9;

    /// <summary>The score to maximise on each validation fold. Default ROC-AUC.</summary>
    public Func<float[], float[], double> Score { get; init; } = (labels, probabilities) => RankingMetrics.RocAuc(labels, probabilities);
}

/// <summary>One evaluated candidate.</summary>
/// <param name="Candidate">The candidate's index in drawing order.</param>
/// <param name="Parameters">The sampled hyperparameters.</param>
/// <param name="Resource">Share of each fold's training groups the candidate was last trained on (1 = all).</param>
/// <param name="MeanScore">Mean validation score over the folds at that resource.</param>
/// <param name="FoldScores">Validation score per fold.</param>
public sealed record Trial(int Candidate, IReadOnlyDictionary<string, object> Parameters, double Resource, double MeanScore, double[] FoldScores);

/// <summary>
/// Random search and successive halving over trainers built from sampled parameters, scored by grouped
/// cross-validation. Results are ranked: trials that reached a larger resource first, then by mean score (higher is
/// better), then by candidate index. Deterministic for a seed (given deterministic trainers).
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>Every candidate trained on all training rows of every fold.</summary>
    public static IReadOnlyList<Trial> RandomSearch<TGroup>(
        FeatureMatrix data,
        IReadOnlyList<TGroup> groups,
        ParameterSpace space,
        Func<IReadOnlyDictionary<string, object>, IBinaryClassifierTrainer> factory,
        SearchOptions? options = null)
        where TGroup : notnull
    {
        options ??= new SearchOptions();
        var (folds, candidates) = Prepare(data, groups, space, options);
        var trials = candidates.Select((parameters, k) => Evaluate(data, groups, folds, k, parameters, factory, 1.0, options)).ToList();
        return Rank(trials);
    }

    /// <summary>
    /// Successive halving: all candidates train on <see cref="SearchOptions.MinResourceFraction"/> of each fold's
    /// training groups; the best 1/η go on with η times the resource, until the survivors train on everything.
    /// The result holds every candidate's last trial.
    /// </summary>
    public static IReadOnlyList<Trial> SuccessiveHalving<TGroup>(
        FeatureMatrix data,
        IReadOnlyList<TGroup> groups,
        ParameterSpace space,
        Func<IReadOnlyDictionary<string, object>, IBinaryClassifierTrainer> factory,
        SearchOptions? options = null)
        where TGroup : notnull
    {
        options ??= new SearchOptions();
        if (!(options.Eta > 1) || !(options.MinResourceFraction is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Eta must exceed 1 and MinResourceFraction lie in (0, 1].");
        }

        var (folds, candidates) = Prepare(data, groups, space, options);
        var last = new Dictionary<int, Trial>();
        var alive = Enumerable.Range(0, candidates.Count).ToList();
        var resource = options.MinResourceFraction;
        while (true)
        {
            var rung = alive.Select(k => Evaluate(data, groups, folds, k, candidates[k], factory, resource, options)).ToList();
            foreach (var trial in rung)
            {
                last[trial.Candidate] = trial;
            }

            if (resource >= 1 || alive.Count == 1)
            {
                break;
            }

            var keep = Math.Max(1, (int)Math.Floor(alive.Count / options.Eta));
            alive = Rank(rung).Take(keep).Select(t => t.Candidate).ToList();
            resource = Math.Min(1, resource * options.Eta);
        }

        return Rank(last.Values.ToList());
    }

    private static (Fold[] Folds, List<IReadOnlyDictionary<string, object>> Candidates) Prepare<TGroup>(
        FeatureMatrix data, IReadOnlyList<TGroup> groups, ParameterSpace space, SearchOptions options)
        where TGroup : notnull
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Candidates, 1);
        var labels = data.RequireLabels();
        var folds = GroupedFolds.Split(groups, options.Folds, options.Seed, options.Stratified ? labels : default);
        var random = new Random(options.Seed);
        var candidates = Enumerable.Range(0, options.Candidates).Select(_ => space.Sample(random)).ToList();
        return (folds, candidates);
    }

    private static Trial Evaluate<TGroup>(
        FeatureMatrix data,
        IReadOnlyList<TGroup> groups,
        Fold[] folds,
        int candidate,
        IReadOnlyDictionary<string, object> parameters,
        Func<IReadOnlyDictionary<string, object>, IBinaryClassifierTrainer> factory,
        double resource,
        SearchOptions options)
        where TGroup : notnull
    {
        var scores = new double[folds.Length];
        for (var f = 0; f < folds.Length; f++)
        {
            var trainRows = resource >= 1 ? folds[f].TrainRows : SubsampleGroups(folds[f].TrainRows, groups, resource, options.Seed + f);
            var train = data.SelectRows(trainRows);
            var validation = data.SelectRows(folds[f].ValidationRows);
            var model = factory(parameters).Fit(train);
            var probabilities = new float[validation.Rows];
            model.PredictProbabilities(validation, probabilities);
            scores[f] = options.Score(validation.RequireLabels(), probabilities);
        }

        return new Trial(candidate, parameters, resource, scores.Average(), scores);
    }

    /// <summary>The rows of a seeded share of the groups: the same subsample for every candidate at a rung.</summary>
    private static int[] SubsampleGroups<TGroup>(int[] rows, IReadOnlyList<TGroup> groups, double fraction, int seed)
        where TGroup : notnull
    {
        var distinct = rows.Select(r => groups[r]).Distinct().ToArray();
        new Random(seed).Shuffle(distinct);
        var kept = new HashSet<TGroup>(distinct.Take(Math.Max(2, (int)Math.Ceiling(distinct.Length * fraction))));
        return rows.Where(r => kept.Contains(groups[r])).ToArray();
    }

    private static List<Trial> Rank(List<Trial> trials) =>
        trials.OrderByDescending(t => t.Resource)
            .ThenByDescending(t => double.IsNaN(t.MeanScore) ? double.NegativeInfinity : t.MeanScore)
            .ThenBy(t => t.Candidate)
            .ToList();
}
