using Burnout.Ml.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Burnout.Trainer.Learners.LightGbm;

/// <summary>A <see cref="FeatureMatrix"/> as an ML.NET data view: one float vector column, a label and a weight.</summary>
internal static class FeatureMatrixDataView
{
    public const string Features = nameof(MatrixRow.Features);
    public const string Label = nameof(MatrixRow.Label);
    public const string Weight = nameof(MatrixRow.Weight);

    /// <summary>
    /// The rows of <paramref name="matrix"/> with NaN left as NaN (LightGBM's missing value). Rows without a
    /// label get <c>false</c>; they are only for scoring.
    /// </summary>
    public static IDataView Create(MLContext ml, FeatureMatrix matrix)
    {
        var definition = SchemaDefinition.Create(typeof(MatrixRow));

        // The vector's width is only known at run time, so it cannot come from a [VectorType] attribute.
        definition[Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, matrix.Columns);
        var rows = Enumerable.Range(0, matrix.Rows).Select(i => new MatrixRow
        {
            Features = matrix.Row(i).ToArray(),
            Label = matrix.Labels is { } labels && labels[i] > 0,
            Weight = matrix.Weights?[i] ?? 1f,
        });
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    private sealed class MatrixRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }

        public float Weight { get; set; }
    }
}
