using Burnout.Ml.Data;
using Burnout.Ml.Explain;
using Burnout.Ml.Trees.Prediction;

namespace Burnout.Ml.Trees.Forest;

/// <summary>
/// Bagged classification trees. The score is the mean of the trees' leaf probabilities
/// (Σ trees in tree order, times 1 / tree count), which is also the explained margin.
/// </summary>
public sealed class RandomForestModel : IExplainableClassifier
{
    private readonly TreeState[] _trees;
    private readonly CompiledTrees _compiled;
    private readonly double _scale;

    internal RandomForestModel(FeatureSchema schema, TreeState[] trees, double? outOfBagAuc, double? outOfBagAccuracy)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (trees.Length == 0)
        {
            throw new ArgumentException("A forest needs at least one tree.", nameof(trees));
        }

        foreach (var split in trees.SelectMany(t => t.Splits))
        {
            if (split.Feature >= 0 && split.Feature < schema.Count && split.IsCategorical != (schema[split.Feature].Kind == FeatureKind.Categorical))
            {
                throw new ArgumentException($"Feature '{schema[split.Feature].Name}' is split as the wrong kind.", nameof(trees));
            }
        }

        Schema = schema;
        _trees = trees;
        _compiled = new CompiledTrees(trees, schema.Count);
        _scale = 1.0 / trees.Length;
        OutOfBagAuc = outOfBagAuc;
        OutOfBagAccuracy = outOfBagAccuracy;
    }

    public FeatureSchema Schema { get; }

    public MarginSpace MarginSpace => MarginSpace.Probability;

    public int TreeCount => _trees.Length;

    public IReadOnlyList<TreeState> Trees => _trees;

    /// <summary>ROC AUC of each training row scored only by trees that did not draw it; null without bootstrap.</summary>
    public double? OutOfBagAuc { get; }

    /// <summary>Accuracy at 0.5 of the same out-of-bag scores; null without bootstrap.</summary>
    public double? OutOfBagAccuracy { get; }

    /// <summary>Threads used by batch scoring; scores do not depend on it. Default: all processors.</summary>
    public int ScoringThreads { get; set; } = Environment.ProcessorCount;

    public static RandomForestModel FromState(FeatureSchema schema, RandomForestState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.FeatureCount != schema.Count)
        {
            throw new ArgumentException($"The state has {state.FeatureCount} features; the schema has {schema.Count}.", nameof(state));
        }

        return new RandomForestModel(schema, state.Trees, state.OutOfBagAuc, state.OutOfBagAccuracy);
    }

    public RandomForestState ToState() => new(Schema.Count, _trees, OutOfBagAuc, OutOfBagAccuracy);

    /// <summary>P(label = 1) for one row: the mean tree probability.</summary>
    public double PredictMargin(ReadOnlySpan<float> row)
    {
        EnsureWidth(row.Length);
        return _compiled.Sum(row, _trees.Length, 0) * _scale;
    }

    public void PredictProbabilities(FeatureMatrix features, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(features);
        Schema.EnsureCompatible(features.Schema);
        var scores = new double[features.Rows];
        _compiled.SumRows(features.Values, features.Rows, features.Columns, 0, _scale, scores, Math.Max(1, ScoringThreads));
        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[i] = (float)scores[i];
        }
    }

    public void Explain(ReadOnlySpan<float> row, Span<double> contributions, out double bias)
    {
        EnsureWidth(row.Length);
        bias = _compiled.Explain(row, contributions, _trees.Length);

        bias *= _scale;
        for (var f = 0; f < contributions.Length; f++)
        {
            contributions[f] *= _scale;
        }
    }

    /// <summary>Share of total split gain (weighted variance, i.e. Gini, reduction) per schema feature.</summary>
    public double[] GainImportance() => Importance.GainImportance.Compute(_trees, Schema.Count);

    private void EnsureWidth(int length)
    {
        if (length != Schema.Count)
        {
            throw new ArgumentException($"The row has {length} values; the model's schema has {Schema.Count} features.");
        }
    }
}
