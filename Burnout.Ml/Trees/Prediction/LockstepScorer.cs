using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Burnout.Ml.Trees.Prediction.SplitEncoding;

namespace Burnout.Ml.Trees.Prediction;

/// <summary>
/// Sums an ensemble's leaf values for blocks of rows, walking four rows down each tree in lockstep.
/// </summary>
/// <remarks>
/// Walking one row at a time is a chain of dependent loads that ends in a mispredicted loop exit at
/// every leaf. Here leaves are nodes that lead to themselves, so a finished row can keep stepping
/// harmlessly: four independent walks advance together until all four sit on leaves, the child is
/// chosen by arithmetic rather than a branch, and the only data-dependent branch is the "all done?"
/// test once per level. Values are added in tree order, so the sums equal one-row-at-a-time scoring.
/// </remarks>
internal sealed class LockstepScorer
{
    private const int Lanes = 4;

    private readonly Node[] _nodes;
    private readonly double[] _values;
    private readonly int[] _categoryOffset;
    private readonly ulong[] _categoryWords;
    private readonly int[] _roots;

    /// <summary>Per tree, the first node index that is a leaf (a tree's leaves follow its splits).</summary>
    private readonly int[] _firstLeaf;

    /// <param name="trees">Trees already checked for consistency (see <see cref="CompiledTrees"/>).</param>
    public LockstepScorer(IReadOnlyList<TreeState> trees)
    {
        var total = trees.Sum(t => t.Splits.Length + t.Leaves.Length);
        _nodes = new Node[total];
        _values = new double[total];
        _categoryOffset = new int[total];
        _roots = new int[trees.Count];
        _firstLeaf = new int[trees.Count];
        var words = new List<ulong>();
        var nodeBase = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var leafBase = nodeBase + tree.Splits.Length;
            _roots[t] = nodeBase;
            _firstLeaf[t] = leafBase;
            for (var i = 0; i < tree.Splits.Length; i++)
            {
                var s = tree.Splits[i];
                (var feature, var threshold, _categoryOffset[nodeBase + i]) = SplitEncoding.Encode(s, words);

                int Child(int child) => child >= 0 ? nodeBase + child : leafBase + ~child;
                _nodes[nodeBase + i] = new Node { Feature = feature, Threshold = threshold, Left = Child(s.Left), Right = Child(s.Right) };
            }

            for (var i = 0; i < tree.Leaves.Length; i++)
            {
                // Any value (NaN included) leads back here: +∞ sends numbers left, NaN goes right.
                var self = leafBase + i;
                _nodes[self] = new Node { Feature = 0, Threshold = float.PositiveInfinity, Left = self, Right = self };
                _values[self] = tree.Leaves[i].Value;
            }

            nodeBase = leafBase + tree.Leaves.Length;
        }

        _categoryWords = [.. words];
    }

    /// <summary>
    /// Adds trees <c>[0, treeCount)</c> to <paramref name="sums"/> for <paramref name="count"/> rows that
    /// start at <paramref name="cells"/> (row-major, <paramref name="columns"/> values per row).
    /// </summary>
    public unsafe void AddTrees(ReadOnlySpan<float> cells, int count, int columns, int treeCount, Span<double> sums)
    {
        if (cells.Length < count * columns || sums.Length < count)
        {
            throw new ArgumentException("The block is smaller than count rows.");
        }

        // Most blocks hold no missing value; their walks skip the NaN test.
        if (HasMissing(cells[..(count * columns)]))
        {
            AddTrees<WithMissing>(cells, count, columns, treeCount, sums);
        }
        else
        {
            AddTrees<NoMissing>(cells, count, columns, treeCount, sums);
        }
    }

    private static bool HasMissing(ReadOnlySpan<float> cells)
    {
        foreach (var value in cells)
        {
            if (float.IsNaN(value))
            {
                return true;
            }
        }

        return false;
    }

    private unsafe void AddTrees<TRule>(ReadOnlySpan<float> cells, int count, int columns, int treeCount, Span<double> sums)
        where TRule : struct, IStepRule
    {
        fixed (Node* nodes = _nodes)
        fixed (double* values = _values)
        fixed (float* rows = cells)
        fixed (double* sum = sums)
        {
            for (var t = 0; t < treeCount; t++)
            {
                var root = _roots[t];
                var firstLeaf = _firstLeaf[t];
                var i = 0;
                for (; i + Lanes <= count; i += Lanes)
                {
                    var row0 = rows + (i * columns);
                    var row1 = row0 + columns;
                    var row2 = row1 + columns;
                    var row3 = row2 + columns;
                    int n0 = root, n1 = root, n2 = root, n3 = root;
                    while (Math.Min(Math.Min(n0, n1), Math.Min(n2, n3)) < firstLeaf)
                    {
                        n0 = Step<TRule>(nodes, n0, row0);
                        n1 = Step<TRule>(nodes, n1, row1);
                        n2 = Step<TRule>(nodes, n2, row2);
                        n3 = Step<TRule>(nodes, n3, row3);
                    }

                    sum[i] += values[n0];
                    sum[i + 1] += values[n1];
                    sum[i + 2] += values[n2];
                    sum[i + 3] += values[n3];
                }

                for (; i < count; i++)
                {
                    var row = rows + (i * columns);
                    var node = root;
                    while (node < firstLeaf)
                    {
                        node = Step<TRule>(nodes, node, row);
                    }

                    sum[i] += values[node];
                }
            }
        }
    }

    /// <summary>One step down: the child is read at an offset chosen by the comparison, not by a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe int Step<TRule>(Node* nodes, int node, float* row)
        where TRule : struct, IStepRule
    {
        var n = nodes + node;
        var feature = n->Feature;
        var value = row[feature & FeatureMask];
        if ((feature & CategoricalFlag) != 0)
        {
            return (&n->Left)[CategorySets.GoesLeft(_categoryWords, _categoryOffset[node], (int)n->Threshold, feature < 0, value) ? 0 : 1];
        }

        return (&n->Left)[TRule.GoesRight(value, n->Threshold, feature) ? 1 : 0];
    }

    private interface IStepRule
    {
        static abstract bool GoesRight(float value, float threshold, int feature);
    }

    /// <summary>Right when the value is above the threshold, or missing and the node's default is right (sign bit clear).</summary>
    private struct WithMissing : IStepRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool GoesRight(float value, float threshold, int feature) =>
            (value > threshold) | (float.IsNaN(value) & (feature >= 0));
    }

    private struct NoMissing : IStepRule
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool GoesRight(float value, float threshold, int feature) => value > threshold;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public int Feature;
        public float Threshold;

        /// <summary>Followed by <see cref="Right"/>: the step indexes this pair.</summary>
        public int Left;
        public int Right;
    }
}
