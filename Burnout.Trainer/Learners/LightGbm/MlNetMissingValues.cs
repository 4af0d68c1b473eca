using System.Reflection;
using Microsoft.ML.Trainers.FastTree;

namespace Burnout.Trainer.Learners.LightGbm;

/// <summary>
/// Where ML.NET sends a NaN at each split of a tree it built from LightGBM. ML.NET's public tree object
/// does not say, so this reads the per-split default values that ML.NET's own scoring uses, through
/// reflection on its internal tree (Microsoft.ML.FastTree 5.0.1).
/// </summary>
/// <remarks>
/// ML.NET turns LightGBM's <c>decision_type</c> into one float per split, and at scoring replaces a NaN with
/// it before the usual <c>value ≤ threshold</c> test: the threshold itself when LightGBM's default direction
/// is left, threshold + 1 when it is right, and 0 for splits whose feature had no missing values in training
/// (LightGBM's MissingType None, where native LightGBM also reads NaN as 0). When every value in a tree is 0,
/// ML.NET drops the array and a NaN then fails every comparison and goes right. Reproducing that rule, not
/// native LightGBM's, is what makes the imported model agree with ML.NET's predictions.
/// </remarks>
internal static class MlNetMissingValues
{
    private static readonly FieldInfo TreeField =
        typeof(RegressionTreeBase).GetField("_tree", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw Changed("RegressionTreeBase._tree");

    /// <summary>For each split of <paramref name="tree"/>, whether a NaN goes to the ≤ (left) child.</summary>
    public static bool[] NaNGoesLeft(RegressionTreeBase tree)
    {
        var internalTree = TreeField.GetValue(tree) ?? throw Changed("a tree without its internal tree");
        var field = internalTree.GetType().GetField("DefaultValueForMissing", BindingFlags.Public | BindingFlags.Instance)
            ?? throw Changed("InternalRegressionTree.DefaultValueForMissing");
        var defaults = (float[]?)field.GetValue(internalTree);

        var left = new bool[tree.NumberOfNodes];
        for (var node = 0; node < left.Length; node++)
        {
            // Without defaults NaN ≤ threshold is false: right. With them, the default is compared as ML.NET does.
            left[node] = defaults is not null && defaults[node] <= tree.NumericalSplitThresholds[node];
        }

        return left;
    }

    private static NotSupportedException Changed(string what) =>
        new($"This ML.NET version lays out its trees differently ({what}); the LightGBM importer was written for Microsoft.ML.FastTree 5.0.1.");
}
