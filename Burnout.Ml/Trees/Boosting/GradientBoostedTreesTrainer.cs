using Burnout.Ml.Data;
using Burnout.Ml.Models;
using Burnout.Ml.Trees.Binning;
using Burnout.Ml.Trees.Growing;
using Burnout.Ml.Trees.Prediction;

namespace Burnout.Ml.Trees.Boosting;

/// <summary>
/// Histogram gradient boosting for binary log-loss (LightGBM / scikit-learn HistGradientBoosting):
/// quantile bins, native missing values, best-first trees. The same seed and data give a bit-identical
/// model for any number of threads.
/// </summary>
public sealed class GradientBoostedTreesTrainer(GradientBoostedTreesOptions? options = null) : IBinaryClassifierTrainer
{
    /// <summary>Rows per block when work is split over rows (each row is independent).</summary>
    private const int RowBlock = 16_384;

    public GradientBoostedTreesOptions Options { get; } = options ?? new GradientBoostedTreesOptions();

    public IBinaryClassifier Fit(FeatureMatrix train, FeatureMatrix? validation = null) => Train(train, validation);

    /// <summary>
    /// Fits the ensemble. With <paramref name="validation"/> and <see cref="GradientBoostedTreesOptions.EarlyStoppingRounds"/>
    /// &gt; 0, training stops once validation log-loss (weighted by the validation sample weights) stalls, and the
    /// model keeps the trees up to the best round.
    /// </summary>
    public GradientBoostedTreesModel Train(FeatureMatrix train, FeatureMatrix? validation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var o = Options;
        o.Validate();
        var labels = RequireBinaryLabels(train);
        if (train.Rows == 0)
        {
            throw new ArgumentException("There are no training rows.", nameof(train));
        }

        float[]? validationLabels = null;
        if (validation is not null)
        {
            train.Schema.EnsureCompatible(validation.Schema);
            validationLabels = RequireBinaryLabels(validation);
        }

        var n = train.Rows;
        var weights = o.ClassWeights.RowWeights(labels, train.Weights);
        var binnings = BinnedMatrix.FitBinnings(train, o.MaxBins, o.Seed, o.Threads);
        var binned = BinnedMatrix.Create(train, binnings, o.Threads);
        var baseScore = BaseScore(labels, weights);

        var grower = new TreeGrower(binned, new GrowerSettings
        {
            MaxLeaves = o.MaxLeaves,
            MaxDepth = o.MaxDepth,
            MinSamplesLeaf = o.MinSamplesLeaf,
            MinHessianLeaf = o.MinHessianLeaf,
            L2 = o.L2Regularization,
            MinGainToSplit = o.MinGainToSplit,
            CategoricalSmoothing = o.CategoricalSmoothing,
            LeafScale = o.LearningRate,
            Threads = o.Threads,
        });

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.Threads };
        var random = new Random(o.Seed);
        var margins = new double[n];
        Array.Fill(margins, baseScore);
        var gradients = new float[n * 4];
        var allFeatures = Enumerable.Range(0, train.Columns).ToArray();
        var trees = new List<TreeState>(o.Iterations);

        double[]? validationMargins = null;
        if (validation is not null)
        {
            validationMargins = new double[validation.Rows];
            Array.Fill(validationMargins, baseScore);
        }

        var validationLoss = new List<double>();
        var bestRound = -1;
        var bestLoss = double.PositiveInfinity;
        for (var round = 0; round < o.Iterations; round++)
        {
            ComputeGradients(margins, labels, weights, gradients, parallel);
            SampleRows(gradients, o.RowSubsample, random);
            var features = SampleFeatures(allFeatures, o.FeatureSubsample, random);
            var rootCount = grower.LoadGradients(gradients);
            var tree = grower.Grow(rootCount, features, random);
            UpdateMargins(tree, margins, grower, rootCount, parallel);
            var state = tree.ToState(binnings);
            trees.Add(state);

            if (validation is null)
            {
                continue;
            }

            var loss = AddTreeAndScore(state, validation, validationMargins!, validationLabels!);
            validationLoss.Add(loss);
            if (loss < bestLoss - o.EarlyStoppingTolerance)
            {
                bestLoss = loss;
                bestRound = round;
            }
            else if (o.EarlyStoppingRounds > 0 && round - bestRound >= o.EarlyStoppingRounds)
            {
                break;
            }
        }

        if (validation is not null && o.EarlyStoppingRounds > 0 && bestRound >= 0)
        {
            trees.RemoveRange(bestRound + 1, trees.Count - bestRound - 1);
        }

        return new GradientBoostedTreesModel(train.Schema, baseScore, [.. trees], validationLoss)
        {
            ScoringThreads = o.Threads,
        };
    }

    internal static float[] RequireBinaryLabels(FeatureMatrix data)
    {
        var labels = data.RequireLabels();
        foreach (var label in labels)
        {
            if (label is not (0f or 1f))
            {
                throw new ArgumentException($"Labels must be 0 or 1; found {label}.", nameof(data));
            }
        }

        return labels;
    }

    private static double BaseScore(float[] labels, double[] weights)
    {
        double positive = 0, total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            positive += weights[i] * labels[i];
            total += weights[i];
        }

        var p = Math.Clamp(total > 0 ? positive / total : 0.5, 1e-15, 1 - 1e-15);
        return Math.Log(p / (1 - p));
    }

    private static void ComputeGradients(double[] margins, float[] labels, double[] weights, float[] gradients, ParallelOptions parallel)
    {
        var blocks = (margins.Length + RowBlock - 1) / RowBlock;
        Parallel.For(0, blocks, parallel, block =>
        {
            var end = Math.Min(margins.Length, (block + 1) * RowBlock);
            for (var i = block * RowBlock; i < end; i++)
            {
                var p = 1 / (1 + Math.Exp(-margins[i]));
                var w = weights[i];
                var at = i * 4;
                gradients[at] = (float)((p - labels[i]) * w);
                gradients[at + 1] = (float)(Math.Max(p * (1 - p), 1e-16) * w);
                gradients[at + 2] = 1;
                gradients[at + 3] = 0;
            }
        });
    }

    /// <summary>Bernoulli row sampling: a row left out gets count 0, which keeps it out of the tree.</summary>
    private static void SampleRows(float[] gradients, double fraction, Random random)
    {
        if (fraction >= 1)
        {
            return;
        }

        var rows = gradients.Length / 4;
        var kept = 0;
        for (var i = 0; i < rows; i++)
        {
            if (random.NextDouble() < fraction)
            {
                kept++;
            }
            else
            {
                gradients[(i * 4) + 2] = 0;
            }
        }

        if (kept == 0)
        {
            gradients[(random.Next(rows) * 4) + 2] = 1;
        }
    }

    private static int[] SampleFeatures(int[] all, double fraction, Random random)
    {
        if (fraction >= 1)
        {
            return all;
        }

        var take = Math.Max(1, (int)Math.Round(all.Length * fraction));
        var shuffled = (int[])all.Clone();
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, shuffled.Length);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        var chosen = shuffled[..take];
        Array.Sort(chosen);
        return chosen;
    }

    private static void UpdateMargins(GrownTree tree, double[] margins, TreeGrower grower, int rootCount, ParallelOptions parallel)
    {
        // Rows in the tree: by leaf segment (disjoint, so leaves can go in parallel).
        // Rows left out this round still move: route them through the tree in bin space.
        Parallel.For(0, tree.LeafRows.Count, parallel, leaf =>
        {
            var rowAt = grower.RowAt;
            var (begin, count) = tree.LeafRows[leaf];
            var value = tree.LeafValues[leaf];
            for (var p = begin; p < begin + count; p++)
            {
                margins[rowAt[p]] += value;
            }
        });

        var outside = margins.Length - rootCount;
        var blocks = (outside + RowBlock - 1) / RowBlock;
        Parallel.For(0, blocks, parallel, block =>
        {
            var rowAt = grower.RowAt;
            var end = Math.Min(margins.Length, rootCount + ((block + 1) * RowBlock));
            for (var p = rootCount + (block * RowBlock); p < end; p++)
            {
                margins[rowAt[p]] += tree.LeafValues[tree.LeafOf(grower.BinnedRowAt(p))];
            }
        });
    }

    private static double AddTreeAndScore(TreeState tree, FeatureMatrix validation, double[] margins, float[] labels)
    {
        var compiled = new CompiledTrees([tree], validation.Columns);
        double loss = 0, total = 0;
        for (var i = 0; i < validation.Rows; i++)
        {
            margins[i] += compiled.TreeValue(0, validation.Row(i));
            var w = validation.Weights?[i] ?? 1f;
            var m = margins[i];

            // log(1 + e^m) − y·m, written to stay finite for large |m|.
            var softplus = m > 0 ? m + double.LogP1(Math.Exp(-m)) : double.LogP1(Math.Exp(m));
            loss += w * (softplus - (labels[i] * m));
            total += w;
        }

        return total > 0 ? loss / total : 0;
    }
}
