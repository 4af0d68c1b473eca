namespace Burnout.Ml.Data;

/// <summary>
/// A dense, row-major matrix of features (float32, NaN = missing) with its schema, and optionally
/// binary labels (0/1) and sample weights. Row-major because scoring reads one row at a time and
/// training code builds its own column-wise binned copy.
/// </summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(FeatureSchema schema, float[] values, int rows, float[]? labels = null, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        if (rows < 0 || (long)rows * schema.Count != values.Length)
        {
            throw new ArgumentException(
                $"values has {values.Length} cells; {rows} rows of {schema.Count} features need {(long)rows * schema.Count}.",
                nameof(values));
        }

        if (labels is not null && labels.Length != rows)
        {
            throw new ArgumentException($"labels has {labels.Length} entries for {rows} rows.", nameof(labels));
        }

        if (weights is not null && weights.Length != rows)
        {
            throw new ArgumentException($"weights has {weights.Length} entries for {rows} rows.", nameof(weights));
        }

        Schema = schema;
        Values = values;
        Rows = rows;
        Labels = labels;
        Weights = weights;
    }

    public FeatureSchema Schema { get; }

    /// <summary>Row-major cells: feature j of row i is at i * Columns + j.</summary>
    public float[] Values { get; }

    public int Rows { get; }

    public int Columns => Schema.Count;

    /// <summary>Binary labels, 0 or 1, when the matrix is for training or evaluation.</summary>
    public float[]? Labels { get; }

    /// <summary>Per-row sample weights; null means every row weighs 1.</summary>
    public float[]? Weights { get; }

    public float this[int row, int column] => Values[(row * Columns) + column];

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);

    public float[] RequireLabels() =>
        Labels ?? throw new InvalidOperationException("This matrix has no labels; training and evaluation need them.");

    /// <summary>A new matrix holding the given rows, in the given order, with their labels and weights.</summary>
    public FeatureMatrix SelectRows(ReadOnlySpan<int> rowIndices)
    {
        var values = new float[rowIndices.Length * Columns];
        var labels = Labels is null ? null : new float[rowIndices.Length];
        var weights = Weights is null ? null : new float[rowIndices.Length];
        for (var i = 0; i < rowIndices.Length; i++)
        {
            var source = rowIndices[i];
            Row(source).CopyTo(values.AsSpan(i * Columns, Columns));
            if (labels is not null)
            {
                labels[i] = Labels![source];
            }

            if (weights is not null)
            {
                weights[i] = Weights![source];
            }
        }

        return new FeatureMatrix(Schema, values, rowIndices.Length, labels, weights);
    }

    public FeatureMatrix WithWeights(float[]? weights) => new(Schema, Values, Rows, Labels, weights);
}
