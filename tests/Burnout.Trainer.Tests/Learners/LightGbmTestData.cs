using Burnout.Ml.Data;

namespace Burnout.Trainer.Tests.Learners;

/// <summary>
/// Generated rows for the LightGBM tests: six numeric features, a label that depends on four of them, NaN in
/// training for features 0 and 1 only (so LightGBM learns a missing direction for them and none for the rest).
/// </summary>
internal static class LightGbmTestData
{
    public static readonly FeatureSchema Schema = FeatureSchema.AllNumeric(["a", "b", "c", "d", "e", "f"]);

    public static FeatureMatrix Training(int rows, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * Schema.Count];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = values.AsSpan(i * Schema.Count, Schema.Count);
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = (float)((random.NextDouble() * 4) - 2);
            }

            var logit = (1.5 * row[0]) + (row[1] * row[2]) - row[3] + ((random.NextDouble() - 0.5) * 2);
            labels[i] = logit > 0 ? 1 : 0;

            // Missing values that carry signal: a missing 'a' leans positive, a missing 'b' leans negative.
            if (random.NextDouble() < 0.15)
            {
                row[0] = float.NaN;
                labels[i] = random.NextDouble() < 0.8 ? 1 : 0;
            }

            if (random.NextDouble() < 0.1)
            {
                row[1] = float.NaN;
            }

            if (random.NextDouble() < 0.3)
            {
                row[4] = 0;
            }
        }

        return new FeatureMatrix(Schema, values, rows, labels);
    }

    /// <summary>Unlabelled rows; with <paramref name="missingShare"/> &gt; 0, each cell is NaN with that probability.</summary>
    public static FeatureMatrix Scoring(int rows, int seed, double missingShare)
    {
        var random = new Random(seed);
        var values = new float[rows * Schema.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = (float)((random.NextDouble() * 4) - 2);
            values[i] = random.NextDouble() < missingShare ? float.NaN : value;
        }

        return new FeatureMatrix(Schema, values, rows);
    }
}
