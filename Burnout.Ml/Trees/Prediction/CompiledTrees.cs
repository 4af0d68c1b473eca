using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Burnout.Ml.Trees.Prediction.SplitEncoding;

namespace Burnout.Ml.Trees.Prediction;

/// <summary>
/// Trees flattened into contiguous arrays for scoring and explanation. Nodes of all trees share one
/// array of 16-byte packed nodes; children are node indexes when ≥ 0 and <c>~leaf</c> (global leaf
/// index) when negative.
/// </summary>
internal sealed class CompiledTrees
{

    /// <summary>Rows scored together so one tree's nodes stay in L1 across them.</summary>
    private const int RowBlock = 64;

    private readonly PackedNode[] _nodes;
    private readonly double[] _nodeCover;
    private readonly int[] _categoryOffset;
    private readonly ulong[] _categoryWords;
    private readonly double[] _leafValues;
    private readonly double[] _leafCover;
    private readonly int[] _roots;
    private readonly int _maxDepth;
    private readonly LockstepScorer _lockstep;

    public CompiledTrees(IReadOnlyList<TreeState> trees, int featureCount)
    {
        var nodeCount = trees.Sum(t => t.Splits.Length);
        var leafCount = trees.Sum(t => t.Leaves.Length);
        _nodes = new PackedNode[nodeCount];
        _nodeCover = new double[nodeCount];
        _categoryOffset = new int[nodeCount];
        _leafValues = new double[leafCount];
        _leafCover = new double[leafCount];
        _roots = new int[trees.Count];
        var words = new List<ulong>();
        int nodeBase = 0, leafBase = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            Validate(tree, featureCount, t);
            _roots[t] = tree.Splits.Length > 0 ? nodeBase : ~leafBase;
            for (var i = 0; i < tree.Splits.Length; i++)
            {
                var s = tree.Splits[i];
                (var feature, var threshold, _categoryOffset[nodeBase + i]) = SplitEncoding.Encode(s, words);
                _nodes[nodeBase + i] = new PackedNode(
                    feature, threshold, Relocate(s.Left, nodeBase, leafBase), Relocate(s.Right, nodeBase, leafBase));
                _nodeCover[nodeBase + i] = s.Cover;
            }

            for (var i = 0; i < tree.Leaves.Length; i++)
            {
                _leafValues[leafBase + i] = tree.Leaves[i].Value;
                _leafCover[leafBase + i] = tree.Leaves[i].Cover;
            }

            _maxDepth = Math.Max(_maxDepth, Depth(_roots[t]));
            nodeBase += tree.Splits.Length;
            leafBase += tree.Leaves.Length;
        }

        _categoryWords = [.. words];
        _lockstep = new LockstepScorer(trees);
    }

    public int TreeCount => _roots.Length;

    /// <summary>The deepest leaf over all trees (root = 0).</summary>
    public int MaxDepth => _maxDepth;

    /// <summary><c>initial</c> plus the leaf values of trees <c>[0, treeCount)</c>, added in tree order.</summary>
    public double Sum(ReadOnlySpan<float> row, int treeCount, double initial)
    {
        var sum = initial;
        for (var t = 0; t < treeCount; t++)
        {
            sum += _leafValues[LeafOf(_roots[t], row)];
        }

        return sum;
    }

    /// <summary>The value of one tree for one row.</summary>
    public double TreeValue(int tree, ReadOnlySpan<float> row) => _leafValues[LeafOf(_roots[tree], row)];

    /// <summary>
    /// For each row of a row-major block, <c>initial + Σ trees</c> (in tree order, so equal to
    /// <see cref="Sum"/>), times <paramref name="scale"/>, on up to <paramref name="threads"/> threads.
    /// </summary>
    public void SumRows(float[] values, int rows, int columns, double initial, double scale, double[] output, int threads)
    {
        var blocks = (rows + RowBlock - 1) / RowBlock;
        var treeCount = TreeCount;
        if (threads <= 1 || blocks < 4)
        {
            for (var b = 0; b < blocks; b++)
            {
                SumBlock(values, rows, columns, initial, scale, output, b, treeCount);
            }

            return;
        }

        // Contiguous ranges of blocks per thread; each row's sum is independent, so the split cannot change results.
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            var end = (long)(part + 1) * blocks / threads;
            for (var b = (int)((long)part * blocks / threads); b < end; b++)
            {
                SumBlock(values, rows, columns, initial, scale, output, b, treeCount);
            }
        });
    }

    private void SumBlock(float[] values, int rows, int columns, double initial, double scale, double[] output, int block, int treeCount)
    {
        var first = block * RowBlock;
        var count = Math.Min(RowBlock, rows - first);
        Span<double> sums = stackalloc double[RowBlock];
        sums[..count].Fill(initial);
        _lockstep.AddTrees(values.AsSpan(first * columns, count * columns), count, columns, treeCount, sums[..count]);

        for (var i = 0; i < count; i++)
        {
            output[first + i] = sums[i] * scale;
        }
    }

    /// <summary>One step down from an internal node; the numeric case has no data-dependent branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Step(int node, ref float row)
    {
        ref var n = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_nodes), node);
        var feature = n.Feature;
        var value = Unsafe.Add(ref row, feature & FeatureMask);
        if ((feature & CategoricalFlag) != 0)
        {
            return GoesLeft(ref n, node, value) ? n.Left : n.Right;
        }

        // NaN fails the comparison and goes left only by default (sign bit = default-left flag).
        var left = (value <= n.Threshold) | (float.IsNaN(value) & (feature < 0));
        return left ? n.Left : n.Right;
    }

    private int LeafOf(int node, ReadOnlySpan<float> row)
    {
        ref var cells = ref MemoryMarshal.GetReference(row);
        while (node >= 0)
        {
            node = Step(node, ref cells);
        }

        return ~node;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool GoesLeft(ref PackedNode n, int node, float value)
    {
        if ((n.Feature & CategoricalFlag) == 0)
        {
            // NaN compares false, so it goes left only by default.
            return value <= n.Threshold || (float.IsNaN(value) && n.Feature < 0);
        }

        return CategorySets.GoesLeft(_categoryWords, _categoryOffset[node], (int)n.Threshold, n.Feature < 0, value);
    }

    /// <summary>Σ leaf value × leaf cover / root cover: the tree's mean output over its training data.</summary>
    public double ExpectedValue(int tree)
    {
        var root = _roots[tree];
        return root < 0 ? _leafValues[~root] : Expected(root);
    }

    private double Expected(int node)
    {
        if (node < 0)
        {
            return _leafValues[~node];
        }

        var n = _nodes[node];
        var cover = _nodeCover[node];
        if (cover <= 0)
        {
            return 0.5 * (Expected(n.Left) + Expected(n.Right));
        }

        return ((CoverOf(n.Left) * Expected(n.Left)) + (CoverOf(n.Right) * Expected(n.Right))) / cover;
    }

    private double CoverOf(int node) => node >= 0 ? _nodeCover[node] : _leafCover[~node];

    private int Depth(int node) => node < 0 ? 0 : 1 + Math.Max(Depth(_nodes[node].Left), Depth(_nodes[node].Right));

    /// <summary>
    /// Exact TreeSHAP of the first <paramref name="treeCount"/> trees: writes each feature's contribution into
    /// <paramref name="contributions"/> (cleared first) and returns the trees' summed expected value, so that
    /// contributions + the returned value = the summed tree outputs for <paramref name="row"/>.
    /// </summary>
    public double Explain(ReadOnlySpan<float> row, Span<double> contributions, int treeCount)
    {
        if (contributions.Length != row.Length)
        {
            throw new ArgumentException($"contributions has {contributions.Length} slots for {row.Length} features.", nameof(contributions));
        }

        contributions.Clear();
        AddShapValues(row, contributions, treeCount);
        var expected = 0.0;
        for (var t = 0; t < treeCount; t++)
        {
            expected += ExpectedValue(t);
        }

        return expected;
    }

    /// <summary>
    /// Adds exact path-dependent TreeSHAP values (Lundberg et al. 2018, Algorithm 2) of trees
    /// <c>[0, treeCount)</c> for <paramref name="row"/> into <paramref name="phi"/>. For each tree,
    /// Σ phi + <see cref="ExpectedValue"/> equals the tree's output on the row.
    /// </summary>
    public void AddShapValues(ReadOnlySpan<float> row, Span<double> phi, int treeCount)
    {
        // Path storage for every recursion level: Σ_{d ≤ maxd} (d + 1) elements.
        var maxd = _maxDepth + 2;
        var size = (maxd * (maxd + 1)) / 2;
        PathElement[]? rented = null;
        var path = size <= 512 ? stackalloc PathElement[512] : (rented = ArrayPool<PathElement>.Shared.Rent(size));
        try
        {
            for (var t = 0; t < treeCount; t++)
            {
                var root = _roots[t];
                if (root >= 0)
                {
                    Recurse(root, row, phi, path, 0, 1, 1, -1);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<PathElement>.Shared.Return(rented);
            }
        }
    }

    private void Recurse(
        int node, ReadOnlySpan<float> row, Span<double> phi, Span<PathElement> parentPath, int depth,
        double parentZero, double parentOne, int parentFeature)
    {
        var path = parentPath[(depth + 1)..];
        parentPath[..(depth + 1)].CopyTo(path);
        ExtendPath(path, depth, parentZero, parentOne, parentFeature);

        if (node < 0)
        {
            var value = _leafValues[~node];
            for (var i = 1; i <= depth; i++)
            {
                var weight = UnwoundPathSum(path, depth, i);
                phi[path[i].Feature] += weight * (path[i].One - path[i].Zero) * value;
            }

            return;
        }

        ref var n = ref _nodes[node];
        var feature = n.Feature & FeatureMask;
        var left = GoesLeft(ref n, node, row[feature]);
        var hot = left ? n.Left : n.Right;
        var cold = left ? n.Right : n.Left;
        var cover = _nodeCover[node];
        var hotZero = cover > 0 ? CoverOf(hot) / cover : 0.5;
        var coldZero = cover > 0 ? CoverOf(cold) / cover : 0.5;
        double incomingZero = 1, incomingOne = 1;

        // A feature already on the path is unwound and re-entered with the product of its fractions.
        var index = 0;
        for (; index <= depth; index++)
        {
            if (path[index].Feature == feature)
            {
                break;
            }
        }

        if (index != depth + 1)
        {
            incomingZero = path[index].Zero;
            incomingOne = path[index].One;
            UnwindPath(path, depth, index);
            depth--;
        }

        Recurse(hot, row, phi, path, depth + 1, hotZero * incomingZero, incomingOne, feature);
        Recurse(cold, row, phi, path, depth + 1, coldZero * incomingZero, 0, feature);
    }

    private static void ExtendPath(Span<PathElement> path, int depth, double zero, double one, int feature)
    {
        path[depth] = new PathElement(feature, zero, one, depth == 0 ? 1 : 0);
        for (var i = depth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) / (depth + 1);
            path[i].Weight = zero * path[i].Weight * (depth - i) / (depth + 1);
        }
    }

    private static void UnwindPath(Span<PathElement> path, int depth, int index)
    {
        var one = path[index].One;
        var zero = path[index].Zero;
        var next = path[depth].Weight;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var previous = path[i].Weight;
                path[i].Weight = next * (depth + 1) / ((i + 1) * one);
                next = previous - (path[i].Weight * zero * (depth - i) / (depth + 1));
            }
            else
            {
                path[i].Weight = path[i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }

        for (var i = index; i < depth; i++)
        {
            path[i].Feature = path[i + 1].Feature;
            path[i].Zero = path[i + 1].Zero;
            path[i].One = path[i + 1].One;
        }
    }

    private static double UnwoundPathSum(ReadOnlySpan<PathElement> path, int depth, int index)
    {
        var one = path[index].One;
        var zero = path[index].Zero;
        var next = path[depth].Weight;
        var total = 0.0;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var share = next * (depth + 1) / ((i + 1) * one);
                total += share;
                next = path[i].Weight - (share * zero * (depth - i) / (depth + 1));
            }
            else if (zero != 0)
            {
                total += path[i].Weight / zero / ((double)(depth - i) / (depth + 1));
            }
        }

        return total;
    }

    private static int Relocate(int child, int nodeBase, int leafBase) => child >= 0 ? child + nodeBase : ~(~child + leafBase);

    private static void Validate(TreeState tree, int featureCount, int index)
    {
        if (tree.Leaves.Length != tree.Splits.Length + 1)
        {
            throw new ArgumentException($"Tree {index} has {tree.Splits.Length} splits but {tree.Leaves.Length} leaves.");
        }

        foreach (var s in tree.Splits)
        {
            if (s.Feature < 0 || s.Feature >= featureCount)
            {
                throw new ArgumentException($"Tree {index} splits on feature {s.Feature}; the schema has {featureCount}.");
            }

            foreach (var child in (ReadOnlySpan<int>)[s.Left, s.Right])
            {
                if (child >= tree.Splits.Length || (child < 0 && ~child >= tree.Leaves.Length))
                {
                    throw new ArgumentException($"Tree {index} refers to a node it does not have ({child}).");
                }
            }

            if (s.LeftCategories is { } codes && codes.Any(c => c < 0 || c >= s.CategoryCount))
            {
                throw new ArgumentException($"Tree {index} has a category code outside 0..{s.CategoryCount - 1}.");
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct PackedNode(int Feature, float Threshold, int Left, int Right);

    private struct PathElement(int feature, double zero, double one, double weight)
    {
        public int Feature = feature;
        public double Zero = zero;
        public double One = one;
        public double Weight = weight;
    }
}
