namespace Burnout.Ml.Trees;

/// <summary>
/// One trained decision tree as plain data, for serialization. Child references are split indexes when
/// ≥ 0 and leaf indexes encoded as <c>~leaf</c> (i.e. −1 − leaf) when negative. The root is split 0, or
/// leaf 0 when the tree has no split.
/// </summary>
/// <param name="Splits">The internal nodes.</param>
/// <param name="Leaves">The terminal nodes.</param>
public sealed record TreeState(SplitState[] Splits, LeafState[] Leaves)
{
    /// <summary>The reference to the root node, in the same encoding as <see cref="SplitState.Left"/>.</summary>
    public int Root => Splits.Length > 0 ? 0 : ~0;
}

/// <summary>
/// An internal node. A row goes left when its value is ≤ <see cref="Threshold"/> (numeric features) or its
/// category code is in <see cref="LeftCategories"/> (categorical features); a missing value (NaN, or a
/// code the model never saw) goes left exactly when <see cref="DefaultLeft"/>.
/// </summary>
/// <param name="Feature">Schema index of the feature tested.</param>
/// <param name="Threshold">Numeric splits: the float threshold (not a bin index), so scoring needs no binning.</param>
/// <param name="DefaultLeft">The learned direction for missing values.</param>
/// <param name="Left">Child for values that go left (split index, or <c>~leaf</c>).</param>
/// <param name="Right">Child for the other values.</param>
/// <param name="Gain">Reduction in training loss achieved by the split (used for gain importance).</param>
/// <param name="Cover">Sum of training hessians reaching the node (TreeSHAP's node weight).</param>
/// <param name="LeftCategories">Categorical splits: the codes sent left, ascending; null for numeric splits.</param>
/// <param name="CategoryCount">Categorical splits: the number of codes the feature had in training (codes ≥ it are missing).</param>
public sealed record SplitState(
    int Feature,
    float Threshold,
    bool DefaultLeft,
    int Left,
    int Right,
    double Gain,
    double Cover,
    int[]? LeftCategories = null,
    int CategoryCount = 0)
{
    public bool IsCategorical => LeftCategories is not null;
}

/// <summary>A terminal node.</summary>
/// <param name="Value">The leaf's output (already multiplied by the learning rate for boosting).</param>
/// <param name="Cover">Sum of training hessians reaching the leaf.</param>
public sealed record LeafState(double Value, double Cover);
