using Burnout.Ml.Data;
using Burnout.Ml.Models;
using Burnout.Ml.Trees.Binning;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Growing;
using Burnout.Ml.Trees.Prediction;

namespace Burnout.Ml.Trees.Forest;

/// <summary>
/// A random forest of classification trees on the histogram tree builder: each tree sees a bootstrap
/// sample and a fresh random subset of features at each split, and splits on weighted variance of the
/// 0/1 label (proportional to Gini impurity). Leaves hold the weighted share of label 1.
/// </summary>
public sealed class RandomForestTrainer(RandomForestOptions? options = null) : IBinaryClassifierTrainer
{
    public RandomForestOptions Options { get; } = options ?? new RandomForestOptions();

    /// <summary>Fits the forest; a validation set is not used (the out-of-bag score plays its role).</summary>
    public IBinaryClassifier Fit(FeatureMatrix train, FeatureMatrix? validation = null) => Train(train);

    public RandomForestModel Train(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var o = Options;
        o.Validate();
        var labels = GradientBoostedTreesTrainer.RequireBinaryLabels(train);
        if (train.Rows == 0)
        {
            throw new ArgumentException("There are no training rows.", nameof(train));
        }

        var n = train.Rows;
        var weights = o.ClassWeights.RowWeights(labels, train.Weights);
        var binnings = BinnedMatrix.FitBinnings(train, o.MaxBins, o.Seed, o.Threads);
        var binned = BinnedMatrix.Create(train, binnings, o.Threads);
        var perSplit = o.FeatureFractionPerSplit > 0
            ? Math.Max(1, (int)Math.Round(o.FeatureFractionPerSplit * train.Columns))
            : Math.Max(1, (int)Math.Sqrt(train.Columns));
        var settings = new GrowerSettings
        {
            MaxLeaves = o.MaxLeaves == 0 ? int.MaxValue : o.MaxLeaves,
            MaxDepth = o.MaxDepth,
            MinSamplesLeaf = o.MinSamplesLeaf,
            MinHessianLeaf = 0,
            L2 = 0,
            MinGainToSplit = 1e-12,
            CategoricalSmoothing = o.CategoricalSmoothing,
            FeaturesPerSplit = perSplit >= train.Columns ? 0 : perSplit,
            LeafScale = 1,
            Threads = 1,
        };

        var features = Enumerable.Range(0, train.Columns).ToArray();
        var trees = new TreeState[o.Trees];
        var workers = Math.Min(o.Threads, o.Trees);
        var finished = 0;

        // Trees are independent; each worker grows a contiguous range with its own buffers.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var grower = new TreeGrower(binned, settings);
            var counts = new int[n];
            var end = (long)(worker + 1) * o.Trees / workers;
            for (var t = (int)((long)worker * o.Trees / workers); t < end; t++)
            {
                var random = new Random(TreeSeed(o.Seed, t));
                Draw(counts, o.Bootstrap, random);
                // A leaf's value −G/H is then the weighted share of positives among its bootstrap draws.
                var records = grower.Records;
                var rowAt = grower.RowAt;
                var inTree = grower.InTree;
                var drawn = 0;
                for (var p = 0; p < n; p++)
                {
                    var i = rowAt[p];
                    var w = weights[i] * counts[i];
                    records[p] = new RowRecord
                    {
                        Gradient = (float)(-labels[i] * w), Hessian = (float)w, Count = counts[i],
                    };
                    inTree[p] = counts[i] > 0 ? (byte)1 : (byte)0;
                    drawn += inTree[p];
                }

                grower.StartTree(drawn);
                trees[t] = grower.Grow(features, random).ToState(binnings);
                grower.FinishTree(visit: null);
                o.Progress?.Report(Interlocked.Increment(ref finished));
            }
        });

        double? auc = null, accuracy = null;
        if (o.Bootstrap)
        {
            (auc, accuracy) = OutOfBagScores(train, labels, trees, o);
        }

        return new RandomForestModel(train.Schema, trees, auc, accuracy) { ScoringThreads = o.Threads };
    }

    private static int TreeSeed(int seed, int tree) => unchecked((seed * 1_000_003) + tree);

    /// <summary>Bootstrap multiplicities (n draws with replacement), or all ones without bootstrap.</summary>
    private static void Draw(int[] counts, bool bootstrap, Random random)
    {
        if (!bootstrap)
        {
            Array.Fill(counts, 1);
            return;
        }

        Array.Clear(counts);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[random.Next(counts.Length)]++;
        }
    }

    private static (double? Auc, double? Accuracy) OutOfBagScores(FeatureMatrix train, float[] labels, TreeState[] trees, RandomForestOptions o)
    {
        // Regenerate each tree's draw (the first use of its random stream) instead of storing n × trees counts.
        var n = train.Rows;
        var compiled = new CompiledTrees(trees, train.Columns);
        var sums = new double[n];
        var votes = new int[n];
        var counts = new int[n];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.Threads };
        for (var t = 0; t < trees.Length; t++)
        {
            Draw(counts, bootstrap: true, new Random(TreeSeed(o.Seed, t)));
            var tree = t;
            Parallel.For(0, o.Threads, parallel, part =>
            {
                var end = (long)(part + 1) * n / o.Threads;
                for (var i = (int)((long)part * n / o.Threads); i < end; i++)
                {
                    if (counts[i] == 0)
                    {
                        sums[i] += compiled.TreeValue(tree, train.Row(i));
                        votes[i]++;
                    }
                }
            });
        }

        var scored = 0;
        for (var i = 0; i < n; i++)
        {
            scored += votes[i] > 0 ? 1 : 0;
        }

        if (scored == 0)
        {
            return (null, null);
        }

        var oobLabels = new float[scored];
        var oobScores = new double[scored];
        var correct = 0;
        for (int i = 0, k = 0; i < n; i++)
        {
            if (votes[i] == 0)
            {
                continue;
            }

            oobLabels[k] = labels[i];
            oobScores[k] = sums[i] / votes[i];
            correct += (oobScores[k] >= 0.5) == (labels[i] > 0.5f) ? 1 : 0;
            k++;
        }

        return (RankAuc.Compute(oobLabels, oobScores), (double)correct / scored);
    }
}
