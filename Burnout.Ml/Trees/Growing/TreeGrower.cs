using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Burnout.Ml.Trees.Binning;

namespace Burnout.Ml.Trees.Growing;

/// <summary>
/// Grows one tree leaf-wise (best-first) on binned rows, LightGBM style: histograms hold
/// (gradient, hessian, count, rows) per bin as doubles, the smaller child's histogram is built and the
/// larger one's is the parent's minus it.
/// </summary>
/// <remarks>
/// The grower keeps its own copy of the binned rows and their <see cref="RowRecord"/>s in "position"
/// order and moves them when it partitions a leaf, so every leaf's rows are contiguous in memory and
/// histogram passes stream instead of gathering scattered rows (measured on this project's 2-core VM:
/// gathering by row index made histogram passes about 2× slower, which outweighed a cheaper partition).
/// There are two copies, A and B: a partition reads a leaf from one and writes its children, in their
/// final order, straight into the other, and <see cref="FinishTree"/> copies the leaves that ended in B
/// back (letting the caller update each piece's records while it is in cache), so between trees
/// everything is in A. <see cref="RowAt"/> maps positions to the caller's rows.
/// </remarks>
/// <remarks>
/// Determinism: each feature's histogram is accumulated by one thread, over the leaf's rows in
/// ascending order, so the result does not depend on the number of threads or their scheduling; split
/// search and leaf selection are sequential with ties broken by feature and leaf creation order.
/// One grower is reused across trees; it is not thread-safe.
/// </remarks>
internal sealed class TreeGrower
{
    /// <summary>Doubles per histogram bin: gradient, hessian, count (the weight in the tree) and rows, one 256-bit vector.</summary>
    private const int BinStride = 4;

    /// <summary>Below this many (rows × features), a histogram is built on the calling thread.</summary>
    private const int ParallelHistogramWork = 1 << 16;

    private const long HistogramPoolBytes = 256L << 20;

    /// <summary>Rows per piece when <see cref="FinishTree"/> copies leaves back and visits them.</summary>
    private const int FinishPiece = 1 << 14;

    /// <summary>Below this many rows a partition runs on the calling thread.</summary>
    private const int ParallelPartitionRows = 1 << 14;

    private readonly BinnedMatrix _data;
    private readonly GrowerSettings _settings;
    private readonly int[] _featureOffset;
    private readonly int _histogramLength;
    private readonly int _poolCapacity;
    private readonly Stack<double[]> _freeHistograms = new();
    private readonly double[] _scratchSmall;
    private readonly double[] _scratchLarge;
    private readonly RowCopy[] _copies;
    private readonly byte[] _inTree;
    private readonly List<Leaf> _finalLeaves = [];

    /// <summary>Between StartTree and FinishTree: the copies are not in order yet.</summary>
    private bool _treeOpen;

    /// <summary>Which copy the tree's root starts from, and how many rows it holds (set by StartTree).</summary>
    private int _rootCopy;
    private int _rootCount;

    /// <summary>Which lanes of a converted record the histogram replaces: the count (unit rows) and the row lane.</summary>
    private readonly Vector256<double> _constantLanes;
    private readonly int[] _candidates;
    private readonly int[] _categoryBins = new int[256];
    private readonly double[] _categoryKeys = new double[256];
    private readonly ParallelOptions _parallel;
    private int _allocatedHistograms;

    public TreeGrower(BinnedMatrix data, GrowerSettings settings)
    {
        _data = data;
        _settings = settings;
        _featureOffset = new int[data.Columns];
        var offset = 0;
        for (var f = 0; f < data.Columns; f++)
        {
            _featureOffset[f] = offset;
            offset += data.Features[f].TotalBins * BinStride;
        }

        _histogramLength = Math.Max(offset, BinStride);
        _poolCapacity = (int)Math.Clamp(HistogramPoolBytes / (_histogramLength * 8L), 2, settings.MaxLeaves + 1L);
        _scratchSmall = new double[_histogramLength];
        _scratchLarge = new double[_histogramLength];
        var rows = data.Rows;
        _copies = [new RowCopy(rows, data.Columns, settings.TracksRows), new RowCopy(rows, data.Columns, settings.TracksRows)];
        _inTree = new byte[rows];
        _constantLanes = Vector256.Create(0, 0, settings.UnitCounts ? -1L : 0, -1L).AsDouble();
        data.Bins.CopyTo(_copies[0].Bins, 0);
        for (var i = 0; i < _copies[0].RowAt.Length; i++)
        {
            _copies[0].RowAt[i] = i;
        }

        _candidates = new int[data.Columns];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Threads) };
    }

    /// <summary>Position → caller's row index, for the current order of the grower's rows.</summary>
    public ReadOnlySpan<int> RowAt => _settings.TracksRows
        ? _copies[0].RowAt
        : throw new InvalidOperationException("This grower does not keep row indexes (GrowerSettings.TracksRows is false).");

    /// <summary>
    /// Each position's record. Between trees the caller writes gradients, hessians and counts here (and
    /// may keep its own state in the other fields); <see cref="Grow"/> moves the records with their rows.
    /// </summary>
    public Span<RowRecord> Records => _copies[0].Records;

    /// <summary>
    /// 1 for each position whose row is in the next tree, 0 for a row that sits it out. Written by the
    /// caller with the records before <see cref="StartTree"/>; it does not move with the rows.
    /// </summary>
    public Span<byte> InTree => _inTree;

    /// <summary>The binned row stored at a position.</summary>
    public ReadOnlySpan<byte> BinnedRowAt(int position) => _copies[0].Bins.AsSpan(position * _data.Columns, _data.Columns);

    /// <summary>
    /// Call after writing the records for the next tree, with the number of positions whose
    /// <see cref="InTree"/> is 1 (the caller counts them while writing, which saves a pass): moves the
    /// other rows behind them, in order, for <see cref="Grow"/>.
    /// </summary>
    public void StartTree(int rowsInTree)
    {
        if (_treeOpen)
        {
            throw new InvalidOperationException("The previous tree was not finished (FinishTree).");
        }

        var rows = _copies[0].Records.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(rowsInTree);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowsInTree, rows);
        _rootCopy = 0;
        _rootCount = rowsInTree;
        if (rowsInTree < rows)
        {
            // The tree starts from copy B; FinishTree brings everything, the rows left out too, back to A.
            _treeOpen = true;
            Partition(0, 0, rows, -1, [], rowsInTree);
            _rootCopy = 1;
        }
    }

    /// <summary>
    /// Grows a tree over the rows <see cref="StartTree"/> put in it (positions <c>[0, rows in the tree)</c>).
    /// <see cref="FinishTree"/> then hands out each leaf's positions.
    /// </summary>
    /// <param name="features">The features this tree may split on, ascending.</param>
    /// <param name="random">Source for per-split feature sampling.</param>
    public GrownTree Grow(int[] features, Random random)
    {
        _treeOpen = true;
        var tree = new GrownTree();
        var leaves = new List<Leaf>();
        var queue = new PriorityQueue<Leaf, Leaf>(Comparer<Leaf>.Create(static (a, b) =>
        {
            var byGain = b.Best.Gain.CompareTo(a.Best.Gain);
            return byGain != 0 ? byGain : a.Id.CompareTo(b.Id);
        }));

        var rootCount = _rootCount;
        var root = new Leaf { Id = 0, Begin = 0, Count = rootCount, Depth = 0, ParentSplit = -1, Copy = _rootCopy };
        leaves.Add(root);
        if (rootCount >= 2 && features.Length > 0)
        {
            // Every row is in one bin of each feature, so the root's sums come from its histogram.
            root.Histogram = AcquireHistogram() ?? _scratchSmall;
            BuildHistogram(root, root.Histogram, features);
            SumBins(root.Histogram, features[0], out root.Gradient, out root.Hessian, out root.Samples);
            if (CanSplit(root))
            {
                Consider(root, features, random, queue);
            }
            else
            {
                ReleaseHistogram(root);
            }
        }
        else
        {
            SumRows(root, out root.Gradient, out root.Hessian, out root.Samples);
        }

        var leafCount = 1;
        while (leafCount < _settings.MaxLeaves && queue.TryDequeue(out var leaf, out _))
        {
            leafCount++;
            Split(tree, leaf, leaves, features, random, queue, lastSplit: leafCount == _settings.MaxLeaves);
        }

        while (queue.TryDequeue(out var unsplit, out _))
        {
            ReleaseHistogram(unsplit);
        }

        foreach (var leaf in leaves)
        {
            if (leaf.IsSplit)
            {
                continue;
            }

            var index = tree.LeafValues.Count;
            var denominator = leaf.Hessian + _settings.L2;
            tree.LeafValues.Add(denominator > 0 ? -leaf.Gradient / denominator * _settings.LeafScale : 0);
            tree.LeafCover.Add(leaf.Hessian);
            Attach(tree, leaf, ~index);
        }

        _finalLeaves.Clear();
        _finalLeaves.AddRange(leaves.Where(leaf => !leaf.IsSplit));
        return tree;
    }

    /// <summary>
    /// Ends the tree <see cref="Grow"/> returned: the rows of leaves that ended in copy B go back to copy
    /// A, and <paramref name="visit"/> (leaf index, first position, positions) is called for every piece
    /// of every leaf right after that piece is in place, while it is still in cache, so the caller can
    /// update its records in the same pass. Pieces may be visited in parallel and in any order.
    /// Must be called before <see cref="Records"/> is read again or the next tree is started.
    /// </summary>
    public void FinishTree(Action<int, int, int>? visit)
    {
        var pieces = new List<(int Leaf, int Begin, int Count, int Copy)>();
        for (var leaf = 0; leaf < _finalLeaves.Count; leaf++)
        {
            var (begin, end, copy) = (_finalLeaves[leaf].Begin, _finalLeaves[leaf].Begin + _finalLeaves[leaf].Count, _finalLeaves[leaf].Copy);
            for (var at = begin; at < end; at += FinishPiece)
            {
                pieces.Add((leaf, at, Math.Min(FinishPiece, end - at), copy));
            }
        }

        // Rows left out of the tree are in no leaf; when the tree started from copy B they are there too.
        var rows = _copies[0].Records.Length;
        for (var at = _rootCount; _rootCopy == 1 && at < rows; at += FinishPiece)
        {
            pieces.Add((-1, at, Math.Min(FinishPiece, rows - at), 1));
        }

        Parallel.ForEach(pieces, _parallel, piece =>
        {
            if (piece.Copy == 1)
            {
                CopySegment(1, 0, piece.Begin, piece.Count);
            }

            if (piece.Leaf >= 0)
            {
                visit?.Invoke(piece.Leaf, piece.Begin, piece.Count);
            }
        });
        _finalLeaves.Clear();
        _treeOpen = false;
    }

    /// <param name="lastSplit">The tree is full after this split: its children are never split, so no histograms are built for them.</param>
    private void Split(
        GrownTree tree, Leaf leaf, List<Leaf> leaves, int[] features, Random random, PriorityQueue<Leaf, Leaf> queue, bool lastSplit)
    {
        var split = leaf.Best;
        var binning = _data.Features[split.Feature];
        var goesLeft = new byte[256];
        for (var bin = 0; bin < binning.TotalBins; bin++)
        {
            goesLeft[bin] = GoesLeft(split, binning, bin) ? (byte)1 : (byte)0;
        }

        var leftRows = (int)split.LeftRows;
        Partition(leaf.Copy, leaf.Begin, leaf.Count, split.Feature, goesLeft, leftRows);
        var childCopy = 1 - leaf.Copy;

        var splitIndex = tree.Splits.Count;
        tree.Splits.Add(split);
        tree.Left.Add(0);
        tree.Right.Add(0);
        tree.SplitCover.Add(leaf.Hessian);
        tree.GoesLeft.Add(goesLeft);
        Attach(tree, leaf, splitIndex);
        leaf.IsSplit = true;

        var leftChild = new Leaf
        {
            Id = leaves.Count, Begin = leaf.Begin, Count = leftRows, Depth = leaf.Depth + 1, ParentSplit = splitIndex, IsLeft = true,
            Copy = childCopy,
            Gradient = split.LeftGradient, Hessian = split.LeftHessian, Samples = split.LeftCount,
        };
        var rightChild = new Leaf
        {
            Id = leaves.Count + 1, Begin = leaf.Begin + leftRows, Count = leaf.Count - leftRows, Depth = leaf.Depth + 1,
            ParentSplit = splitIndex, IsLeft = false, Copy = childCopy,
            Gradient = leaf.Gradient - split.LeftGradient, Hessian = leaf.Hessian - split.LeftHessian,
            Samples = leaf.Samples - split.LeftCount,
        };
        leaves.Add(leftChild);
        leaves.Add(rightChild);
        if (lastSplit)
        {
            ReleaseHistogram(leaf);
            return;
        }

        var (small, large) = leftChild.Count <= rightChild.Count ? (leftChild, rightChild) : (rightChild, leftChild);
        var splitSmall = CanSplit(small);
        var splitLarge = CanSplit(large);
        var parentHistogram = leaf.Histogram;
        leaf.Histogram = null;

        if (parentHistogram is not null && splitLarge)
        {
            // The subtraction trick: only the smaller child is read from the rows.
            var smallHistogram = AcquireHistogram() ?? _scratchSmall;
            BuildHistogram(small, smallHistogram, features);
            Subtract(parentHistogram, smallHistogram);
            large.Histogram = parentHistogram;
            small.Histogram = smallHistogram;
        }
        else
        {
            Release(parentHistogram);
            if (splitSmall)
            {
                small.Histogram = AcquireHistogram() ?? _scratchSmall;
                BuildHistogram(small, small.Histogram, features);
            }

            if (splitLarge)
            {
                large.Histogram = AcquireHistogram() ?? _scratchLarge;
                BuildHistogram(large, large.Histogram, features);
            }
        }

        foreach (var child in (ReadOnlySpan<Leaf>)[leftChild, rightChild])
        {
            if (CanSplit(child) && child.Histogram is not null)
            {
                Consider(child, features, random, queue);
            }
            else
            {
                ReleaseHistogram(child);
            }
        }
    }

    /// <summary>Finds the leaf's best split and queues it if worth taking; otherwise frees its histogram.</summary>
    private void Consider(Leaf leaf, int[] features, Random random, PriorityQueue<Leaf, Leaf> queue)
    {
        FindBestSplit(leaf, features, random);
        if (leaf.Best.IsValid && leaf.Best.Gain > _settings.MinGainToSplit)
        {
            if (ReferenceEquals(leaf.Histogram, _scratchSmall) || ReferenceEquals(leaf.Histogram, _scratchLarge))
            {
                // Scratch is reused by the next split; this leaf will build its children directly.
                leaf.Histogram = null;
            }

            queue.Enqueue(leaf, leaf);
        }
        else
        {
            ReleaseHistogram(leaf);
        }
    }

    private bool CanSplit(Leaf leaf) =>
        leaf.Samples >= 2 * _settings.MinSamplesLeaf
        && leaf.Count >= 2
        && (_settings.MaxDepth <= 0 || leaf.Depth < _settings.MaxDepth);

    private static void Attach(GrownTree tree, Leaf leaf, int node)
    {
        if (leaf.ParentSplit < 0)
        {
            return;
        }

        if (leaf.IsLeft)
        {
            tree.Left[leaf.ParentSplit] = node;
        }
        else
        {
            tree.Right[leaf.ParentSplit] = node;
        }
    }

    private void FindBestSplit(Leaf leaf, int[] features, Random random)
    {
        var candidates = features.AsSpan();
        var perSplit = _settings.FeaturesPerSplit;
        if (perSplit > 0 && perSplit < features.Length)
        {
            features.CopyTo(_candidates, 0);
            for (var i = 0; i < perSplit; i++)
            {
                var j = random.Next(i, features.Length);
                (_candidates[i], _candidates[j]) = (_candidates[j], _candidates[i]);
            }

            candidates = _candidates.AsSpan(0, perSplit);
            candidates.Sort();
        }

        var best = SplitInfo.None;
        var histogram = leaf.Histogram!;
        foreach (var feature in candidates)
        {
            var binning = _data.Features[feature];
            var bins = histogram.AsSpan(_featureOffset[feature], binning.TotalBins * BinStride);
            var candidate = binning.IsCategorical
                ? FindCategoricalSplit(leaf, feature, binning, bins)
                : FindNumericSplit(leaf, feature, binning, bins);
            if (candidate.Gain > best.Gain)
            {
                best = candidate;
            }
        }

        if (best.IsValid)
        {
            // The row lane says how many rows the split sends left, which the partition needs up front.
            var binning = _data.Features[best.Feature];
            var bins = histogram.AsSpan(_featureOffset[best.Feature], binning.TotalBins * BinStride);
            double rows = 0;
            for (var bin = 0; bin < binning.TotalBins; bin++)
            {
                rows += GoesLeft(best, binning, bin) ? bins[(bin * BinStride) + 3] : 0;
            }

            best.LeftRows = rows;
        }

        leaf.Best = best;
    }

    private static bool GoesLeft(in SplitInfo split, FeatureBinning binning, int bin) =>
        split.IsCategorical
            ? split.LeftBins.Contains(bin)
            : bin == binning.MissingBin ? split.DefaultLeft : bin <= split.ThresholdBin;

    private SplitInfo FindNumericSplit(Leaf leaf, int feature, FeatureBinning binning, ReadOnlySpan<double> bins)
    {
        var best = SplitInfo.None;
        var valueBins = binning.ValueBinCount;
        var missing = binning.MissingBin * BinStride;
        double missingG = bins[missing], missingH = bins[missing + 1], missingC = bins[missing + 2];
        var hasMissing = missingC > 0;
        var parentScore = Score(leaf.Gradient, leaf.Hessian);
        double g = 0, h = 0, c = 0;
        for (var bin = 0; bin < valueBins; bin++)
        {
            var at = bin * BinStride;
            g += bins[at];
            h += bins[at + 1];
            c += bins[at + 2];
            var last = bin == valueBins - 1;

            // Missing values to the right; at the last bin this separates all values from the missing ones.
            if (!last || hasMissing)
            {
                Evaluate(ref best, leaf, parentScore, feature, bin, g, h, c, defaultLeft: false);
            }

            if (hasMissing && !last)
            {
                Evaluate(ref best, leaf, parentScore, feature, bin, g + missingG, h + missingH, c + missingC, defaultLeft: true);
            }
        }

        if (best.IsValid && !hasMissing)
        {
            // No missing values in training: send them where most rows went (as scikit-learn does).
            best.DefaultLeft = best.LeftCount >= leaf.Samples - best.LeftCount;
        }

        return best;
    }

    private SplitInfo FindCategoricalSplit(Leaf leaf, int feature, FeatureBinning binning, ReadOnlySpan<double> bins)
    {
        // LightGBM's many-vs-many split: order the categories by gradient / (hessian + smoothing), then the
        // best cut of that order is the best partition for a convex loss. The missing bin is one more category.
        var present = 0;
        for (var bin = 0; bin < binning.TotalBins; bin++)
        {
            var at = bin * BinStride;
            if (bins[at + 2] > 0)
            {
                _categoryBins[present] = bin;
                _categoryKeys[present] = bins[at] / (bins[at + 1] + _settings.CategoricalSmoothing);
                present++;
            }
        }

        var best = SplitInfo.None;
        if (present < 2)
        {
            return best;
        }

        Array.Sort(_categoryKeys, _categoryBins, 0, present);
        var parentScore = Score(leaf.Gradient, leaf.Hessian);
        double g = 0, h = 0, c = 0;
        var bestCut = -1;
        for (var i = 0; i < present - 1; i++)
        {
            var at = _categoryBins[i] * BinStride;
            g += bins[at];
            h += bins[at + 1];
            c += bins[at + 2];
            var before = best.Gain;
            Evaluate(ref best, leaf, parentScore, feature, -1, g, h, c, defaultLeft: false);
            if (best.Gain > before)
            {
                bestCut = i;
            }
        }

        if (!best.IsValid)
        {
            return best;
        }

        best.IsCategorical = true;
        for (var i = 0; i <= bestCut; i++)
        {
            best.LeftBins.Add(_categoryBins[i]);
        }

        var missingSeen = bins[(binning.MissingBin * BinStride) + 2] > 0;
        if (!missingSeen && best.LeftCount >= leaf.Samples - best.LeftCount)
        {
            best.LeftBins.Add(binning.MissingBin);
        }

        best.DefaultLeft = best.LeftBins.Contains(binning.MissingBin);
        return best;
    }

    private void Evaluate(
        ref SplitInfo best, Leaf leaf, double parentScore, int feature, int bin, double g, double h, double c, bool defaultLeft)
    {
        var rightH = leaf.Hessian - h;
        var rightC = leaf.Samples - c;
        if (c < _settings.MinSamplesLeaf || rightC < _settings.MinSamplesLeaf
            || h < _settings.MinHessianLeaf || rightH < _settings.MinHessianLeaf)
        {
            return;
        }

        var gain = Score(g, h) + Score(leaf.Gradient - g, rightH) - parentScore;
        if (gain > best.Gain)
        {
            best = new SplitInfo
            {
                Feature = feature, Gain = gain, ThresholdBin = bin, DefaultLeft = defaultLeft,
                LeftGradient = g, LeftHessian = h, LeftCount = c,
            };
        }
    }

    private double Score(double g, double h)
    {
        var denominator = h + _settings.L2;
        return denominator > 0 ? g * g / denominator : 0;
    }

    private void SumBins(double[] histogram, int feature, out double g, out double h, out double c)
    {
        g = 0;
        h = 0;
        c = 0;
        var bins = histogram.AsSpan(_featureOffset[feature], _data.Features[feature].TotalBins * BinStride);
        for (var at = 0; at < bins.Length; at += BinStride)
        {
            g += bins[at];
            h += bins[at + 1];
            c += bins[at + 2];
        }
    }

    private void SumRows(Leaf leaf, out double g, out double h, out double c)
    {
        g = 0;
        h = 0;
        c = 0;
        foreach (ref readonly var record in _copies[leaf.Copy].Records.AsSpan(leaf.Begin, leaf.Count))
        {
            g += record.Gradient;
            h += record.Hessian;
            c += _settings.UnitCounts ? 1 : record.Count;
        }
    }

    private void BuildHistogram(Leaf leaf, double[] histogram, int[] features)
    {
        Array.Clear(histogram);
        var blocks = Math.Min(_parallel.MaxDegreeOfParallelism, features.Length);
        if (blocks <= 1 || (long)leaf.Count * features.Length < ParallelHistogramWork)
        {
            Accumulate(_copies[leaf.Copy], histogram, leaf.Begin, leaf.Count, features, 0, features.Length);
            return;
        }

        // Each block owns whole features, so every bin is summed by one thread in row order.
        var begin = leaf.Begin;
        var count = leaf.Count;
        var copy = _copies[leaf.Copy];
        Parallel.For(0, blocks, _parallel, block => Accumulate(
            copy, histogram, begin, count, features,
            block * features.Length / blocks, (block + 1) * features.Length / blocks));
    }

    private unsafe void Accumulate(
        RowCopy copy, double[] histogram, int begin, int count, int[] features, int firstFeature, int endFeature)
    {
        var columns = _data.Columns;
        fixed (byte* bins = copy.Bins)
        fixed (RowRecord* records = copy.Records)
        fixed (double* hist = histogram)
        fixed (int* featureIndex = features)
        fixed (int* featureOffset = _featureOffset)
        {
            var end = begin + count;
            if (Avx.IsSupported)
            {
                var constantLanes = _constantLanes;
                // Offsets and bins per feature slot are read through pointers, so the inner loop is
                // three loads, one vector add and one store per (row, feature).
                var slots = endFeature - firstFeature;
                var slotFeature = stackalloc int[slots];
                var slotOffset = stackalloc nint[slots];
                for (var k = 0; k < slots; k++)
                {
                    slotFeature[k] = featureIndex[firstFeature + k];
                    slotOffset[k] = featureOffset[slotFeature[k]];
                }

                // Four (then two) rows per pass; each slot still receives row p before row p + 1, so sums are unchanged.
                var p = begin;
                for (; p + 3 < end; p += 4)
                {
                    var values0 = Lanes(records + p, constantLanes);
                    var values1 = Lanes(records + p + 1, constantLanes);
                    var values2 = Lanes(records + p + 2, constantLanes);
                    var values3 = Lanes(records + p + 3, constantLanes);
                    var rowBins0 = bins + ((nint)p * columns);
                    var rowBins1 = rowBins0 + columns;
                    var rowBins2 = rowBins1 + columns;
                    var rowBins3 = rowBins2 + columns;
                    for (var k = 0; k < slots; k++)
                    {
                        var feature = slotFeature[k];
                        var baseSlot = hist + slotOffset[k];
                        var slot0 = baseSlot + (rowBins0[feature] * BinStride);
                        var slot1 = baseSlot + (rowBins1[feature] * BinStride);
                        var slot2 = baseSlot + (rowBins2[feature] * BinStride);
                        var slot3 = baseSlot + (rowBins3[feature] * BinStride);
                        Avx.Store(slot0, Avx.Add(Avx.LoadVector256(slot0), values0));
                        Avx.Store(slot1, Avx.Add(Avx.LoadVector256(slot1), values1));
                        Avx.Store(slot2, Avx.Add(Avx.LoadVector256(slot2), values2));
                        Avx.Store(slot3, Avx.Add(Avx.LoadVector256(slot3), values3));
                    }
                }

                for (; p + 1 < end; p += 2)
                {
                    var values0 = Lanes(records + p, constantLanes);
                    var values1 = Lanes(records + p + 1, constantLanes);
                    var rowBins0 = bins + ((nint)p * columns);
                    var rowBins1 = rowBins0 + columns;
                    for (var k = 0; k < slots; k++)
                    {
                        var feature = slotFeature[k];
                        var baseSlot = hist + slotOffset[k];
                        var slot0 = baseSlot + (rowBins0[feature] * BinStride);
                        var slot1 = baseSlot + (rowBins1[feature] * BinStride);
                        Avx.Store(slot0, Avx.Add(Avx.LoadVector256(slot0), values0));
                        Avx.Store(slot1, Avx.Add(Avx.LoadVector256(slot1), values1));
                    }
                }

                for (; p < end; p++)
                {
                    var values = Lanes(records + p, constantLanes);
                    var rowBins = bins + ((nint)p * columns);
                    for (var k = 0; k < slots; k++)
                    {
                        var slot = hist + slotOffset[k] + (rowBins[slotFeature[k]] * BinStride);
                        Avx.Store(slot, Avx.Add(Avx.LoadVector256(slot), values));
                    }
                }
            }
            else
            {
                for (var p = begin; p < end; p++)
                {
                    double g = records[p].Gradient, h = records[p].Hessian, c = _settings.UnitCounts ? 1 : records[p].Count, r = 1;
                    var rowBins = bins + ((nint)p * columns);
                    for (var k = firstFeature; k < endFeature; k++)
                    {
                        var feature = featureIndex[k];
                        var slot = hist + featureOffset[feature] + (rowBins[feature] * BinStride);
                        slot[0] += g;
                        slot[1] += h;
                        slot[2] += c;
                        slot[3] += r;
                    }
                }
            }
        }
    }

    /// <summary>A record as histogram lanes: (gradient, hessian, count, 1), the count being 1 for unit rows.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<double> Lanes(RowRecord* record, Vector256<double> constantLanes) =>
        Avx.BlendVariable(Avx.ConvertToVector256Double(Sse.LoadVector128((float*)record)), Vector256<double>.One, constantLanes);

    private static void Subtract(double[] parent, double[] child)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<double>.Count <= parent.Length; i += Vector256<double>.Count)
            {
                (Vector256.Create(parent.AsSpan(i)) - Vector256.Create(child.AsSpan(i))).CopyTo(parent.AsSpan(i));
            }
        }

        for (; i < parent.Length; i++)
        {
            parent[i] -= child[i];
        }
    }

    /// <summary>
    /// Stable partition of the positions [begin, begin + count) of copy <paramref name="from"/> into the
    /// same positions of the other copy: the rows that go left first, in their order, then the others.
    /// <paramref name="feature"/> −1 partitions on "count &gt; 0".
    /// </summary>
    /// <remarks>
    /// The number of rows going left is known before the pass (the histogram's row lane counts them), so
    /// no counting pass is needed: the first half of the segment is walked forwards, filling each side
    /// from its start, while the second half is walked backwards, filling each side from its end. The
    /// halves meet exactly, and a stable partition is unique, so the result does not depend on threads.
    /// </remarks>
    private void Partition(int from, int begin, int count, int feature, byte[] goesLeft, int leftRows)
    {
        var source = _copies[from];
        var target = _copies[1 - from];
        var end = begin + count;
        int moved;
        if (_parallel.MaxDegreeOfParallelism <= 1 || count < ParallelPartitionRows)
        {
            moved = Move(source, target, begin, end, 1, feature, goesLeft, begin, begin + leftRows);
        }
        else
        {
            var middle = begin + (count / 2);
            int forward = 0, backward = 0;
            Parallel.Invoke(
                _parallel,
                () => forward = Move(source, target, begin, middle, 1, feature, goesLeft, begin, begin + leftRows),
                () => backward = Move(source, target, middle, end, -1, feature, goesLeft, begin + leftRows - 1, end - 1));
            moved = forward + backward;
        }

        if (moved != leftRows)
        {
            throw new InvalidOperationException($"Partition sent {moved} rows left where the histogram counted {leftRows}.");
        }
    }

    /// <summary>
    /// Moves positions [start, end) of <paramref name="source"/> to <paramref name="target"/>, walking
    /// forwards (<paramref name="direction"/> 1: left rows fill up from <paramref name="left"/>, right rows
    /// from <paramref name="right"/>) or backwards (−1: from <paramref name="end"/> − 1 down, each side
    /// filling down from the position given). Returns how many rows went left.
    /// </summary>
    private unsafe int Move(
        RowCopy source, RowCopy target, int start, int end, int direction, int feature, byte[] goesLeft, nint left, nint right)
    {
        var columns = _data.Columns;
        var firstLeft = left;
        fixed (byte* fromBins = source.Bins)
        fixed (RowRecord* fromRecords = source.Records)
        fixed (int* fromRows = source.RowAt)
        fixed (byte* toBins = target.Bins)
        fixed (RowRecord* toRecords = target.Records)
        fixed (int* toRows = target.RowAt)
        fixed (byte* lut = goesLeft)
        fixed (byte* inTree = _inTree)
        {
            var (first, last) = direction > 0 ? (start, end) : (end - 1, start - 1);
            for (var p = first; p != last; p += direction)
            {
                var bins = fromBins + ((nint)p * columns);
                var isLeft = feature < 0 ? inTree[p] : lut[bins[feature]];

                // Branch-free: the destination is picked arithmetically, only its side advances.
                var to = right + (isLeft * (left - right));
                left += isLeft * direction;
                right += (1 - isLeft) * direction;
                toRecords[to] = fromRecords[p];
                if (fromRows != null)
                {
                    toRows[to] = fromRows[p];
                }

                CopyRow(bins, toBins + (to * columns), columns);
            }
        }

        return (int)((left - firstLeft) * direction);
    }

    /// <summary>
    /// Copies one binned row exactly (never past its end, since neighbouring rows may belong to another
    /// thread's chunk): 16-byte pieces, the last one overlapping the one before when the width is not a multiple.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe void CopyRow(byte* from, byte* to, int columns)
    {
        if (columns < 16)
        {
            System.Runtime.CompilerServices.Unsafe.CopyBlockUnaligned(to, from, (uint)columns);
            return;
        }

        var k = 0;
        for (; k + 16 <= columns; k += 16)
        {
            Vector128.Store(Vector128.Load(from + k), to + k);
        }

        if (k < columns)
        {
            Vector128.Store(Vector128.Load(from + columns - 16), to + columns - 16);
        }
    }

    /// <summary>Copies positions [begin, begin + count) from one copy of the rows to the other.</summary>
    private void CopySegment(int from, int to, int begin, int count)
    {
        var columns = _data.Columns;
        var source = _copies[from];
        var target = _copies[to];
        source.Bins.AsSpan(begin * columns, count * columns).CopyTo(target.Bins.AsSpan(begin * columns));
        source.Records.AsSpan(begin, count).CopyTo(target.Records.AsSpan(begin));
        if (_settings.TracksRows)
        {
            source.RowAt.AsSpan(begin, count).CopyTo(target.RowAt.AsSpan(begin));
        }
    }

    private double[]? AcquireHistogram()
    {
        if (_freeHistograms.TryPop(out var histogram))
        {
            return histogram;
        }

        if (_allocatedHistograms < _poolCapacity)
        {
            _allocatedHistograms++;
            return new double[_histogramLength];
        }

        return null;
    }

    private void ReleaseHistogram(Leaf leaf)
    {
        Release(leaf.Histogram);
        leaf.Histogram = null;
    }

    private void Release(double[]? histogram)
    {
        if (histogram is not null && !ReferenceEquals(histogram, _scratchSmall) && !ReferenceEquals(histogram, _scratchLarge))
        {
            _freeHistograms.Push(histogram);
        }
    }

    /// <summary>The rows in one position order: binned rows, records and the caller's row index of each position.</summary>
    private sealed class RowCopy(int rows, int columns, bool tracksRows)
    {
        public byte[] Bins { get; } = new byte[(long)rows * columns];

        public RowRecord[] Records { get; } = new RowRecord[rows];

        public int[] RowAt { get; } = new int[tracksRows ? rows : 0];
    }

    private sealed class Leaf
    {
        public int Id;
        public int Begin;
        public int Count;
        public int Depth;
        public int ParentSplit;
        public bool IsLeft;
        public bool IsSplit;

        /// <summary>Which copy of the rows (0 = A, 1 = B) holds this leaf's positions.</summary>
        public int Copy;
        public double Gradient;
        public double Hessian;
        public double Samples;
        public double[]? Histogram;
        public SplitInfo Best;
    }
}
