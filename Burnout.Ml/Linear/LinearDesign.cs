using System.Runtime.CompilerServices;
using Burnout.Ml.Data;

namespace Burnout.Ml.Linear;

/// <summary>
/// Turns a raw row (schema order, NaN = missing) into the centred, optionally scaled design vector a linear
/// model works in. A numeric feature becomes one column z = (x − mean) / scale, missing → 0 (mean imputation).
/// A categorical feature with K codes becomes K one-hot columns, each centred and scaled the same way; a
/// missing or unseen code sets every indicator to 0 before centring. Means are taken over the training rows
/// (a missing numeric cell does not count), so every design column has weighted mean 0 on the training data.
/// </summary>
internal sealed class LinearDesign
{
    /// <summary>Codes above this are refused: a categorical column this wide is an encoding mistake.</summary>
    private const int MaxCategoryCodes = 1 << 16;

    public LinearDesign(FeatureSchema schema, int[] widths, double[] centers, double[] scales)
    {
        if (widths.Length != schema.Count)
        {
            throw new ArgumentException($"{widths.Length} widths for {schema.Count} features.", nameof(widths));
        }

        Schema = schema;
        Widths = widths;
        Offsets = new int[widths.Length];
        var width = 0;
        for (var j = 0; j < widths.Length; j++)
        {
            if (widths[j] < 1 || (schema[j].Kind == FeatureKind.Numeric && widths[j] != 1))
            {
                throw new ArgumentException($"Feature '{schema[j].Name}' cannot have {widths[j]} design columns.", nameof(widths));
            }

            Offsets[j] = width;
            width += widths[j];
        }

        if (centers.Length != width || scales.Length != width)
        {
            throw new ArgumentException($"The design has {width} columns but {centers.Length} centres and {scales.Length} scales.");
        }

        foreach (var s in scales)
        {
            if (!(s > 0) || !double.IsFinite(s))
            {
                throw new ArgumentException("Every scale must be finite and positive.", nameof(scales));
            }
        }

        Width = width;
        Centers = centers;
        Scales = scales;
        _numeric = schema.Features.Select(f => f.Kind == FeatureKind.Numeric).ToArray();
        _allNumeric = Array.TrueForAll(_numeric, n => n);
        _inverseScales = scales.Select(s => 1 / s).ToArray();
    }

    private readonly bool[] _numeric;
    private readonly bool _allNumeric;
    private readonly double[] _inverseScales;

    public FeatureSchema Schema { get; }

    /// <summary>Number of design columns per schema feature: 1 for numeric, the number of codes for categorical.</summary>
    public int[] Widths { get; }

    public int[] Offsets { get; }

    public int Width { get; }

    public double[] Centers { get; }

    public double[] Scales { get; }

    public static LinearDesign Fit(FeatureMatrix data, bool standardize, ReadOnlySpan<float> sampleWeights)
    {
        var schema = data.Schema;
        var widths = new int[schema.Count];
        var numeric = new bool[schema.Count];
        for (var j = 0; j < schema.Count; j++)
        {
            numeric[j] = schema[j].Kind == FeatureKind.Numeric;
            widths[j] = numeric[j] ? 1 : Math.Max(1, schema[j].Categories.Count);
        }

        var anyCategorical = Array.Exists(numeric, n => !n);

        for (var i = 0; anyCategorical && i < data.Rows; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < row.Length; j++)
            {
                if (!numeric[j] && !float.IsNaN(row[j]))
                {
                    var code = row[j];
                    if (code < 0 || code != MathF.Floor(code) || code >= MaxCategoryCodes)
                    {
                        throw new ArgumentException(
                            $"Categorical feature '{schema[j].Name}' has code {code} in row {i}; codes are whole numbers from 0 to {MaxCategoryCodes - 1}.");
                    }

                    widths[j] = Math.Max(widths[j], (int)code + 1);
                }
            }
        }

        var offsets = new int[schema.Count];
        var width = 0;
        for (var j = 0; j < schema.Count; j++)
        {
            offsets[j] = width;
            width += widths[j];
        }

        // Weighted first and second moments; a missing numeric cell is left out of its column's moments,
        // a missing categorical cell counts as "no indicator set".
        var sum = new double[width];
        var sumSquares = new double[width];
        var weightSum = new double[width];
        double totalWeight = 0;
        for (var i = 0; i < data.Rows; i++)
        {
            var w = sampleWeights.IsEmpty ? 1.0 : sampleWeights[i];
            totalWeight += w;
            var row = data.Row(i);
            for (var j = 0; j < row.Length; j++)
            {
                var x = row[j];
                if (float.IsNaN(x))
                {
                    continue;
                }

                if (numeric[j])
                {
                    sum[offsets[j]] += w * x;
                    weightSum[offsets[j]] += w;
                }
                else
                {
                    sum[offsets[j] + (int)x] += w;
                }
            }
        }

        // Second pass for numeric spread about the mean (a one-pass Σx² − n·mean² loses digits when |mean| ≫ sd).
        var means = new double[width];
        for (var j = 0; j < schema.Count; j++)
        {
            for (var k = offsets[j]; k < offsets[j] + widths[j]; k++)
            {
                var n = numeric[j] ? weightSum[k] : totalWeight;
                means[k] = n > 0 ? sum[k] / n : 0;
            }
        }

        for (var i = 0; i < data.Rows; i++)
        {
            var w = sampleWeights.IsEmpty ? 1.0 : sampleWeights[i];
            var row = data.Row(i);
            for (var j = 0; j < row.Length; j++)
            {
                if (numeric[j] && !float.IsNaN(row[j]))
                {
                    var deviation = row[j] - means[offsets[j]];
                    sumSquares[offsets[j]] += w * deviation * deviation;
                }
            }
        }

        var centers = new double[width];
        var scales = new double[width];
        for (var j = 0; j < schema.Count; j++)
        {
            for (var k = offsets[j]; k < offsets[j] + widths[j]; k++)
            {
                var n = numeric[j] ? weightSum[k] : totalWeight;
                var mean = means[k];

                // An indicator's variance is p(1 − p).
                var variance = n <= 0 ? 0 : numeric[j] ? sumSquares[k] / n : mean * (1 - mean);
                centers[k] = mean;

                // A constant column keeps scale 1, as scikit-learn's StandardScaler does.
                var sd = Math.Sqrt(variance);
                scales[k] = standardize && sd > 1e-12 * Math.Max(1, Math.Abs(mean)) ? sd : 1;
            }
        }

        return new LinearDesign(schema, widths, centers, scales);
    }

    /// <summary>Writes the design vector of <paramref name="row"/> into <paramref name="z"/> (length <see cref="Width"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(ReadOnlySpan<float> row, Span<double> z)
    {
        var centers = Centers.AsSpan();
        var inverseScales = _inverseScales.AsSpan();
        if (_allNumeric)
        {
            // One design column per feature, in feature order.
            var values = row[..centers.Length];
            var output = z[..centers.Length];
            for (var k = 0; k < values.Length; k++)
            {
                var x = values[k];
                output[k] = float.IsNaN(x) ? 0 : (x - centers[k]) * inverseScales[k];
            }

            return;
        }

        for (var j = 0; j < _numeric.Length; j++)
        {
            var offset = Offsets[j];
            var x = row[j];
            if (_numeric[j])
            {
                z[offset] = float.IsNaN(x) ? 0 : (x - centers[offset]) * inverseScales[offset];
                continue;
            }

            var width = Widths[j];
            var code = float.IsNaN(x) || x < 0 || x >= width || x != MathF.Floor(x) ? -1 : (int)x;
            for (var k = 0; k < width; k++)
            {
                var indicator = k == code ? 1.0 : 0.0;
                z[offset + k] = (indicator - centers[offset + k]) * inverseScales[offset + k];
            }
        }
    }

    /// <summary>Readable names of the design columns: the feature name, or "feature=category" for one-hot columns.</summary>
    public string[] ColumnNames()
    {
        var names = new string[Width];
        for (var j = 0; j < Widths.Length; j++)
        {
            var feature = Schema[j];
            if (feature.Kind == FeatureKind.Numeric)
            {
                names[Offsets[j]] = feature.Name;
                continue;
            }

            for (var k = 0; k < Widths[j]; k++)
            {
                var label = k < feature.Categories.Count ? feature.Categories[k] : $"#{k}";
                names[Offsets[j] + k] = $"{feature.Name}={label}";
            }
        }

        return names;
    }
}
