using Burnout.Ml.Data;

namespace Burnout.Ml.Tests.Trees;

/// <summary>Seeded synthetic sets for the tree learners.</summary>
internal static class TreeTestData
{
    /// <summary>
    /// Numeric x0..x3 (x1 10% missing), a noise column x4 and a categorical "group" with 5 codes;
    /// P(y = 1) = logistic(2·x0 − x1 + x2·x3 + effect[group]).
    /// </summary>
    public static FeatureMatrix Mixed(int rows, int seed)
    {
        var schema = new FeatureSchema(
        [
            FeatureDefinition.Numeric("x0"), FeatureDefinition.Numeric("x1"), FeatureDefinition.Numeric("x2"),
            FeatureDefinition.Numeric("x3"), FeatureDefinition.Numeric("noise"),
            FeatureDefinition.Categorical("group", ["a", "b", "c", "d", "e"]),
        ]);
        double[] groupEffect = [1.5, -1.0, 0.0, 2.0, -2.0];
        var random = new Random(seed);
        var values = new float[rows * schema.Count];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var x = new float[schema.Count];
            for (var f = 0; f < 5; f++)
            {
                x[f] = (float)Normal(random);
            }

            x[5] = random.Next(5);
            var margin = (2 * x[0]) - x[1] + (x[2] * x[3]) + groupEffect[(int)x[5]];
            if (random.NextDouble() < 0.1)
            {
                x[1] = float.NaN;
            }

            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-margin)) ? 1f : 0f;
            x.CopyTo(values, i * schema.Count);
        }

        return new FeatureMatrix(schema, values, rows, labels);
    }

    /// <summary>One numeric column with the given values and labels.</summary>
    public static FeatureMatrix Column(float[] x, float[] labels) =>
        new(FeatureSchema.AllNumeric(["x"]), x, x.Length, labels);

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
