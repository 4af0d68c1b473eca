using Burnout.Ml.Data;
using Burnout.Ml.Explain;

namespace Burnout.Ml.Linear;

/// <summary>
/// A fitted logistic regression over raw rows: P(1) = σ(bias + Σ_k β_k·z_k), where z is the centred (and, if the
/// model was trained so, scaled) design of <see cref="ColumnNames"/> — numeric features one column each, categorical
/// features one-hot. Missing numeric values and missing or unseen categories contribute nothing.
/// Explanations are exact: feature j contributes Σ_{k ∈ j} β_k·z_k and the bias is the intercept, which is also the
/// mean training margin because every design column has mean 0 on the training rows.
/// </summary>
public sealed class LogisticRegressionModel : IExplainableClassifier
{
    private readonly LinearDesign _design;

    // Per design column β_k / scale_k, and per categorical feature the margin when no indicator is set.
    private readonly double[] _perUnit;
    private readonly double[] _noCategory;
    private readonly bool[] _numeric;

    internal LogisticRegressionModel(LinearDesign design, double intercept, double[] coefficients)
    {
        if (coefficients.Length != design.Width)
        {
            throw new ArgumentException($"{coefficients.Length} coefficients for {design.Width} design columns.", nameof(coefficients));
        }

        _design = design;
        Intercept = intercept;
        Coefficients = coefficients;
        ColumnNames = design.ColumnNames();
        _perUnit = new double[design.Width];
        for (var k = 0; k < design.Width; k++)
        {
            _perUnit[k] = coefficients[k] / design.Scales[k];
        }

        _numeric = Schema.Features.Select(f => f.Kind == FeatureKind.Numeric).ToArray();
        _noCategory = new double[Schema.Count];
        for (var j = 0; j < Schema.Count; j++)
        {
            if (Schema[j].Kind == FeatureKind.Categorical)
            {
                for (var k = design.Offsets[j]; k < design.Offsets[j] + design.Widths[j]; k++)
                {
                    _noCategory[j] -= _perUnit[k] * design.Centers[k];
                }
            }
        }
    }

    public FeatureSchema Schema => _design.Schema;

    public MarginSpace MarginSpace => MarginSpace.LogOdds;

    /// <summary>Names of the design columns: the feature name, or "feature=category" for one-hot columns.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The bias in the standardised space: the log-odds of a row at the training means.</summary>
    public double Intercept { get; }

    /// <summary>Coefficients in the standardised space (change in log-odds per standard deviation), one per design column.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>The training mean of each design column (for one-hot columns, the category's frequency).</summary>
    public IReadOnlyList<double> Centers => _design.Centers;

    /// <summary>The scale of each design column: its training standard deviation, or 1 when constant or unscaled.</summary>
    public IReadOnlyList<double> Scales => _design.Scales;

    /// <summary>Coefficients in the raw feature units (change in log-odds per unit, or for being in the category).</summary>
    public IReadOnlyList<double> RawCoefficients => _perUnit;

    /// <summary>The intercept in raw units: the log-odds when every raw value is 0 and no category is set.</summary>
    public double RawIntercept
    {
        get
        {
            var intercept = Intercept;
            for (var k = 0; k < _perUnit.Length; k++)
            {
                intercept -= _perUnit[k] * _design.Centers[k];
            }

            return intercept;
        }
    }

    /// <summary>The log-odds of one row (schema order, NaN = missing).</summary>
    public double Margin(ReadOnlySpan<float> row)
    {
        CheckRow(row);
        var margin = Intercept;
        for (var j = 0; j < row.Length; j++)
        {
            margin += Contribution(j, row[j]);
        }

        return margin;
    }

    public double PredictProbability(ReadOnlySpan<float> row) => LogisticObjective.Sigmoid(Margin(row));

    public void PredictProbabilities(FeatureMatrix features, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(features);
        Schema.EnsureCompatible(features.Schema);
        if (probabilities.Length != features.Rows)
        {
            throw new ArgumentException($"probabilities has {probabilities.Length} entries for {features.Rows} rows.", nameof(probabilities));
        }

        for (var i = 0; i < features.Rows; i++)
        {
            probabilities[i] = (float)PredictProbability(features.Row(i));
        }
    }

    public void Explain(ReadOnlySpan<float> row, Span<double> contributions, out double bias)
    {
        CheckRow(row);
        if (contributions.Length != Schema.Count)
        {
            throw new ArgumentException($"contributions has {contributions.Length} entries for {Schema.Count} features.", nameof(contributions));
        }

        bias = Intercept;
        for (var j = 0; j < Schema.Count; j++)
        {
            contributions[j] = Contribution(j, row[j]);
        }
    }

    /// <summary>The plain parameters, for serialisation. The schema travels separately.</summary>
    public LogisticRegressionState ToState() =>
        new(Intercept, Coefficients.ToArray(), _design.Centers.ToArray(), _design.Scales.ToArray(), _design.Widths.ToArray());

    public static LogisticRegressionModel FromState(FeatureSchema schema, LogisticRegressionState state)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(state);
        var design = new LinearDesign(schema, state.Widths.ToArray(), state.Centers.ToArray(), state.Scales.ToArray());
        return new LogisticRegressionModel(design, state.Intercept, state.Coefficients.ToArray());
    }

    private double Contribution(int feature, float x)
    {
        var offset = _design.Offsets[feature];
        if (_numeric[feature])
        {
            return float.IsNaN(x) ? 0 : (x - _design.Centers[offset]) * _perUnit[offset];
        }

        var contribution = _noCategory[feature];
        if (x >= 0 && x < _design.Widths[feature] && x == MathF.Floor(x))
        {
            contribution += _perUnit[offset + (int)x];
        }

        return contribution;
    }

    private void CheckRow(ReadOnlySpan<float> row)
    {
        if (row.Length != _numeric.Length)
        {
            throw new ArgumentException($"The row has {row.Length} values; the model's schema has {Schema.Count} features.", nameof(row));
        }
    }
}

/// <summary>
/// The parameters of a <see cref="LogisticRegressionModel"/> as plain data: intercept and coefficients in the
/// standardised space, the centre and scale of each design column, and how many design columns each schema feature has.
/// </summary>
public sealed record LogisticRegressionState(
    double Intercept,
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> Centers,
    IReadOnlyList<double> Scales,
    IReadOnlyList<int> Widths);
