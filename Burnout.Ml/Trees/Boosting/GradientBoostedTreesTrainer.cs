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
            UnitCounts = true,
            TracksRows = o.RowSubsample < 1,
        });

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.Threads };
        var random = new Random(o.Seed);

        // The margins live in the grower's records, which move with their rows, so gradient and margin
        // passes read memory in order. Positions start in row order. Margins are floats, as in XGBoost:
        // the records must stay at 16 bytes.
        var records = grower.Records;
        for (var i = 0; i < n; i++)
        {
            var weight = (float)weights[i];
            records[i] = new RowRecord { Margin = (float)baseScore, SignedWeight = labels[i] > 0 ? weight : -weight };
        }

        var sampled = o.RowSubsample < 1 ? new bool[n] : null;
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
        if (sampled is not null)
        {
            SampleRows(sampled, o.RowSubsample, random);
        }

        var gradients = new Gradients(grower, sampled);
        var rowsInTree = gradients.ComputeAll(parallel);
        for (var round = 0; round < o.Iterations; round++)
        {
            var features = SampleFeatures(allFeatures, o.FeatureSubsample, random);
            grower.StartTree(rowsInTree);
            var tree = grower.Grow(features, random);
            var state = tree.ToState(binnings);
            trees.Add(state);
            o.Progress?.Report(round + 1);

            if (validation is not null)
            {
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

            if (round + 1 == o.Iterations)
            {
                break;
            }

            // The next round's rows, then one pass that adds this tree to every margin and takes the
            // next gradients while the grower puts its rows back in order.
            if (sampled is not null)
            {
                SampleRows(sampled, o.RowSubsample, random);
            }

            rowsInTree = gradients.AddTree(tree, rowsInTree, parallel);
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

    /// <summary>Bernoulli row sampling by row index, so the draw does not depend on the grower's order.</summary>
    private static void SampleRows(bool[] sampled, double fraction, Random random)
    {
        var kept = 0;
        for (var i = 0; i < sampled.Length; i++)
        {
            sampled[i] = random.NextDouble() < fraction;
            kept += sampled[i] ? 1 : 0;
        }

        if (kept == 0)
        {
            sampled[random.Next(sampled.Length)] = true;
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
