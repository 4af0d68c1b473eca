using Burnout.Ml.Data;
using Burnout.Ml.Models;

namespace Burnout.Ml.Importance;

/// <summary>
/// A score of probabilities against labels where higher is better (e.g. ROC AUC; pass a loss negated).
/// </summary>
public delegate double BinaryScore(ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities);

/// <summary>One feature's permutation importance: how much the score drops when the feature is shuffled.</summary>
/// <param name="Feature">Schema name of the feature.</param>
/// <param name="MeanDrop">Baseline score minus the permuted score, averaged over repeats.</param>
/// <param name="StandardDeviation">Spread of the drop over repeats (population standard deviation).</param>
public sealed record PermutationImportanceResult(string Feature, double MeanDrop, double StandardDeviation);

/// <summary>
/// Model-agnostic global importance (Breiman 2001; scikit-learn's permutation_importance): shuffle one
/// feature's column, rescore, and measure the drop. Works on any <see cref="IBinaryClassifier"/>.
/// </summary>
public static class PermutationImportance
{
    /// <summary>
    /// Importance of every schema feature on <paramref name="data"/> (which needs labels), in schema order.
    /// The shuffles come from <paramref name="seed"/>, so equal inputs give equal results.
    /// </summary>
    public static PermutationImportanceResult[] Compute(
        IBinaryClassifier model, FeatureMatrix data, BinaryScore score, int repeats = 5, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        model.Schema.EnsureCompatible(data.Schema);
        var labels = data.RequireLabels();
        var probabilities = new float[data.Rows];
        model.PredictProbabilities(data, probabilities);
        var baseline = score(labels, probabilities);

        // One working copy whose column is permuted and restored in turn.
        var values = (float[])data.Values.Clone();
        var working = new FeatureMatrix(data.Schema, values, data.Rows, labels, data.Weights);
        var column = new float[data.Rows];
        var order = new int[data.Rows];
        var random = new Random(seed);
        var results = new PermutationImportanceResult[data.Columns];
        var drops = new double[repeats];
        for (var f = 0; f < data.Columns; f++)
        {
            for (var i = 0; i < data.Rows; i++)
            {
                column[i] = values[(i * data.Columns) + f];
            }

            for (var r = 0; r < repeats; r++)
            {
                for (var i = 0; i < order.Length; i++)
                {
                    order[i] = i;
                }

                random.Shuffle(order);
                for (var i = 0; i < data.Rows; i++)
                {
                    values[(i * data.Columns) + f] = column[order[i]];
                }

                model.PredictProbabilities(working, probabilities);
                drops[r] = baseline - score(labels, probabilities);
            }

            for (var i = 0; i < data.Rows; i++)
            {
                values[(i * data.Columns) + f] = column[i];
            }

            var mean = drops.Average();
            var variance = drops.Sum(d => (d - mean) * (d - mean)) / repeats;
            results[f] = new PermutationImportanceResult(data.Schema[f].Name, mean, Math.Sqrt(variance));
        }

        return results;
    }
}
