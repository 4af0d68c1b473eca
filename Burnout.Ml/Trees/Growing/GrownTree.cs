using Burnout.Ml.Trees.Binning;

namespace Burnout.Ml.Trees.Growing;

/// <summary>A tree as the grower produced it, still in bin space.</summary>
internal sealed class GrownTree
{
    public List<SplitInfo> Splits { get; } = [];

    public List<int> Left { get; } = [];

    public List<int> Right { get; } = [];

    public List<double> SplitCover { get; } = [];

    /// <summary>Per split, 256 bytes: 1 where that bin goes left.</summary>
    public List<byte[]> GoesLeft { get; } = [];

    public List<double> LeafValues { get; } = [];

    public List<double> LeafCover { get; } = [];

    public int Root => Splits.Count > 0 ? 0 : ~0;

    /// <summary>The leaf a binned row lands in.</summary>
    public int LeafOf(ReadOnlySpan<byte> binnedRow)
    {
        var node = Root;
        while (node >= 0)
        {
            node = GoesLeft[node][binnedRow[Splits[node].Feature]] != 0 ? Left[node] : Right[node];
        }

        return ~node;
    }

    public TreeState ToState(FeatureBinning[] binnings)
    {
        var splits = new SplitState[Splits.Count];
        for (var i = 0; i < splits.Length; i++)
        {
            var s = Splits[i];
            var binning = binnings[s.Feature];
            if (s.IsCategorical)
            {
                var codes = new List<int>();
                for (var bin = 0; bin < binning.ValueBinCount; bin++)
                {
                    if (s.LeftBins.Contains(bin))
                    {
                        codes.Add(bin);
                    }
                }

                splits[i] = new SplitState(
                    s.Feature, 0f, s.DefaultLeft, Left[i], Right[i], s.Gain, SplitCover[i], [.. codes], binning.ValueBinCount);
            }
            else
            {
                // Bin b holds values ≤ Thresholds[b]; the last value bin is unbounded above.
                var threshold = s.ThresholdBin < binning.Thresholds.Length
                    ? binning.Thresholds[s.ThresholdBin]
                    : float.PositiveInfinity;
                splits[i] = new SplitState(s.Feature, threshold, s.DefaultLeft, Left[i], Right[i], s.Gain, SplitCover[i]);
            }
        }

        var leaves = new LeafState[LeafValues.Count];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = new LeafState(LeafValues[i], LeafCover[i]);
        }

        return new TreeState(splits, leaves);
    }
}
