using Burnout.Ml.Trees.Growing;

namespace Burnout.Ml.Trees.Boosting;

/// <summary>
/// Log-loss gradients and hessians in the grower's records, whose margins and signed weights move with
/// their rows: every pass here reads memory in position order.
/// </summary>
/// <param name="sampled">Row subsampling: which rows (by row index) are in the next tree; null for all.</param>
internal sealed class Gradients(TreeGrower grower, bool[]? sampled)
{
    /// <summary>Rows per block when the positions are split over threads.</summary>
    private const int Block = 16_384;

    /// <summary>The gradients at the current margins, for the first tree. Returns how many rows are in it.</summary>
    public int ComputeAll(ParallelOptions parallel)
    {
        var rows = grower.Records.Length;
        var inTree = 0;
        Parallel.For(0, (rows + Block - 1) / Block, parallel, block =>
        {
            var begin = block * Block;
            Interlocked.Add(ref inTree, Compute(begin, Math.Min(Block, rows - begin), 0));
        });
        return inTree;
    }

    /// <summary>
    /// Adds <paramref name="tree"/> to every margin and takes the gradients for the next tree, in the
    /// pass that ends the tree. Rows that sat the tree out (positions from <paramref name="rootCount"/>)
    /// are routed through it in bin space. Returns how many rows are in the next tree.
    /// </summary>
    public int AddTree(GrownTree tree, int rootCount, ParallelOptions parallel)
    {
        var inTree = 0;
        grower.FinishTree((leaf, begin, count) => Interlocked.Add(ref inTree, Compute(begin, count, tree.LeafValues[leaf])));

        var rows = grower.Records.Length;
        Parallel.For(0, (rows - rootCount + Block - 1) / Block, parallel, block =>
        {
            var begin = rootCount + (block * Block);
            var end = Math.Min(rows, begin + Block);
            var kept = 0;
            for (var p = begin; p < end; p++)
            {
                kept += Compute(p, 1, tree.LeafValues[tree.LeafOf(grower.BinnedRowAt(p))]);
            }

            Interlocked.Add(ref inTree, kept);
        });
        return inTree;
    }

    /// <summary>Adds <paramref name="step"/> to the margins of positions [begin, begin + count) and sets their gradients.</summary>
    private int Compute(int begin, int count, double step)
    {
        var records = grower.Records.Slice(begin, count);
        var inTree = grower.InTree.Slice(begin, count);
        var rowAt = sampled is null ? default : grower.RowAt.Slice(begin, count);
        var kept = 0;
        for (var i = 0; i < records.Length; i++)
        {
            ref var record = ref records[i];
            var margin = (float)(record.Margin + step);
            record.Margin = margin;
            var signedWeight = record.SignedWeight;
            var probability = 1 / (1 + Math.Exp(-(double)margin));
            double weight = Math.Abs(signedWeight);
            record.Gradient = (float)((signedWeight > 0 ? probability - 1 : probability) * weight);
            record.Hessian = (float)(Math.Max(probability * (1 - probability), 1e-16) * weight);
            var inThisTree = sampled is null || sampled[rowAt[i]];
            inTree[i] = inThisTree ? (byte)1 : (byte)0;
            kept += inThisTree ? 1 : 0;
        }

        return kept;
    }
}
