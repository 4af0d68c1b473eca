namespace Burnout.Ml.Trees.Prediction;

/// <summary>
/// How a split is packed for scoring: one int holds the feature index, a default-left flag in the sign bit
/// (so <c>feature &lt; 0</c> means "missing goes left") and a categorical flag; the float holds the
/// threshold, or the category count of a categorical split, whose set goes to <see cref="CategorySets"/>.
/// </summary>
internal static class SplitEncoding
{
    public const int DefaultLeftFlag = 1 << 31;
    public const int CategoricalFlag = 1 << 30;
    public const int FeatureMask = CategoricalFlag - 1;

    /// <summary>Packs <paramref name="split"/>; a categorical split's set is appended to <paramref name="categoryWords"/>.</summary>
    public static (int Feature, float Threshold, int CategoryOffset) Encode(SplitState split, List<ulong> categoryWords)
    {
        var feature = split.Feature | (split.DefaultLeft ? DefaultLeftFlag : 0);
        if (split.LeftCategories is not { } categories)
        {
            return (feature, split.Threshold, 0);
        }

        var offset = CategorySets.Append(categoryWords, categories, split.CategoryCount);
        return (feature | CategoricalFlag, split.CategoryCount, offset);
    }
}
