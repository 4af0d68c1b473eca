using Burnout.Ml.Data;
using Burnout.Ml.Trees;

namespace Burnout.Trainer.Learners.LightGbm;

/// <summary>
/// Node covers for trees whose trainer did not report them: the number of training rows that reach each split
/// and leaf, found by passing the rows down the tree with the rule Burnout.Ml scores with.
/// </summary>
/// <remarks>
/// ML.NET keeps LightGBM's splits and leaf values but drops its per-node counts, and TreeSHAP needs a weight per
/// node. Row counts are what LightGBM's own SHAP (<c>pred_contrib</c>) weighs nodes by (<c>internal_count</c>,
/// <c>leaf_count</c>); Burnout.Ml's own trees use hessian sums. Either makes the explanation add up exactly; the
/// counts make it LightGBM's.
/// </remarks>
internal static class NodeCovers
{
    /// <summary><paramref name="tree"/> with each split's and leaf's cover set to the rows of <paramref name="rows"/> reaching it.</summary>
    public static TreeState CountRows(TreeState tree, FeatureMatrix rows)
    {
        var splits = new double[tree.Splits.Length];
        var leaves = new double[tree.Leaves.Length];
        for (var i = 0; i < rows.Rows; i++)
        {
            var row = rows.Row(i);
            var node = tree.Root;
            while (node >= 0)
            {
                splits[node]++;
                var split = tree.Splits[node];
                var value = row[split.Feature];
                node = value <= split.Threshold || (float.IsNaN(value) && split.DefaultLeft) ? split.Left : split.Right;
            }

            leaves[~node]++;
        }

        return new TreeState(
            [.. tree.Splits.Select((s, i) => s with { Cover = splits[i] })],
            [.. tree.Leaves.Select((l, i) => l with { Cover = leaves[i] })]);
    }
}
