using Burnout.Ml.Data;
using Burnout.Ml.Explain;
using Burnout.Ml.Importance;
using Burnout.Ml.Trees.Prediction;

namespace Burnout.Ml.Trees.Boosting;

/// <summary>
/// A boosted tree ensemble for binary classification. Its margin is the log-odds
/// <c>BaseScore + Σ tree(row)</c>, summed in tree order, so every scoring path gives the same bits.
/// </summary>
public sealed class GradientBoostedTreesModel : IExplainableClassifier
{
    private readonly TreeState[] _trees;
    private readonly CompiledTrees _compiled;

    internal GradientBoostedTreesModel(FeatureSchema schema, double baseScore, TreeState[] trees, IReadOnlyList<double> validationLogLoss)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(trees);
        foreach (var split in trees.SelectMany(t => t.Splits))
        {
            if (split.Feature >= 0 && split.Feature < schema.Count && split.IsCategorical != (schema[split.Feature].Kind == FeatureKind.Categorical))
            {
                throw new ArgumentException($"Feature '{schema[split.Feature].Name}' is split as the wrong kind.", nameof(trees));
            }
        }

        Schema = schema;
        BaseScore = baseScore;
        _trees = trees;
        _compiled = new CompiledTrees(trees, schema.Count);
        ValidationLogLoss = validationLogLoss;
    }

    public FeatureSchema Schema { get; }

    public MarginSpace MarginSpace => MarginSpace.LogOdds;

    /// <summary>Initial log-odds (the weighted training base rate).</summary>
    public double BaseScore { get; }

    public int TreeCount => _trees.Length;

    public IReadOnlyList<TreeState> Trees => _trees;

    /// <summary>Validation log-loss after each training round (empty without a validation set or after loading).</summary>
    public IReadOnlyList<double> ValidationLogLoss { get; }

    /// <summary>Threads used by batch scoring; scores do not depend on it. Default: all processors.</summary>
    public int ScoringThreads { get; set; } = Environment.ProcessorCount;

    public static GradientBoostedTreesModel FromState(FeatureSchema schema, GradientBoostedTreesState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.FeatureCount != schema.Count)
        {
            throw new ArgumentException($"The state has {state.FeatureCount} features; the schema has {schema.Count}.", nameof(state));
        }

        return new GradientBoostedTreesModel(schema, state.BaseScore, state.Trees, []);
    }

    public GradientBoostedTreesState ToState() => new(Schema.Count, BaseScore, _trees);

    /// <summary>Log-odds of one row (schema order, NaN = missing).</summary>
    public double PredictMargin(ReadOnlySpan<float> row)
    {
        EnsureWidth(row.Length);
        return _compiled.Sum(row, _trees.Length, BaseScore);
    }

    public void PredictMargins(FeatureMatrix features, Span<double> margins)
    {
        var all = Margins(features);
        all.CopyTo(margins);
    }

    public void PredictProbabilities(FeatureMatrix features, Span<float> probabilities)
    {
        var margins = Margins(features);
        for (var i = 0; i < margins.Length; i++)
        {
            probabilities[i] = (float)Logistic(margins[i]);
        }
    }

    public void Explain(ReadOnlySpan<float> row, Span<double> contributions, out double bias)
    {
        EnsureWidth(row.Length);
        bias = BaseScore + _compiled.Explain(row, contributions, _trees.Length);
    }

    /// <summary>Share of total split gain per schema feature (sums to 1).</summary>
    public double[] GainImportance() => Importance.GainImportance.Compute(_trees, Schema.Count);

    internal static double Logistic(double margin) => 1 / (1 + Math.Exp(-margin));

    private double[] Margins(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Schema.EnsureCompatible(features.Schema);
        var margins = new double[features.Rows];
        _compiled.SumRows(features.Values, features.Rows, features.Columns, BaseScore, 1, margins, Math.Max(1, ScoringThreads));
        return margins;
    }

    private void EnsureWidth(int length)
    {
        if (length != Schema.Count)
        {
            throw new ArgumentException($"The row has {length} values; the model's schema has {Schema.Count} features.");
        }
    }
}
