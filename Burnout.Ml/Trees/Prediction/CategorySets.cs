using Burnout.Ml.Trees.Binning;

namespace Burnout.Ml.Trees.Prediction;

/// <summary>
/// The category sets of categorical splits, as bitsets packed one after another into one array of words
/// (shared by the one-row and the lockstep layouts of a compiled ensemble).
/// </summary>
internal static class CategorySets
{
    /// <summary>Appends the set of <paramref name="categories"/> (codes below <paramref name="categoryCount"/>); returns its offset.</summary>
    public static int Append(List<ulong> words, IEnumerable<int> categories, int categoryCount)
    {
        var offset = words.Count;
        var set = new ulong[(categoryCount + 63) / 64];
        foreach (var code in categories)
        {
            set[code >> 6] |= 1UL << (code & 63);
        }

        words.AddRange(set);
        return offset;
    }

    /// <summary>
    /// Whether <paramref name="value"/> goes left at a categorical split: by its set when it is one of the
    /// split's category codes, else (NaN, unseen codes) by the default direction.
    /// </summary>
    public static bool GoesLeft(ulong[] words, int offset, int categoryCount, bool defaultLeft, float value)
    {
        if (!FeatureBinning.IsCategoryCode(value, categoryCount))
        {
            return defaultLeft;
        }

        var code = (int)value;
        return (words[offset + (code >> 6)] & (1UL << (code & 63))) != 0;
    }
}
