using Burnout.Ml.Data;
using Burnout.Ml.Trees;
using Burnout.Ml.Trees.Boosting;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Burnout.Trainer.Learners.LightGbm;

/// <summary>
/// Turns ML.NET's LightGBM binary model into a Burnout.Ml <see cref="GradientBoostedTreesModel"/>, so that it is
/// scored, explained (exact TreeSHAP) and serialized like a model Burnout.Ml trained itself.
/// </summary>
/// <remarks>
/// <para>Splits map one to one: node k of an ML.NET tree becomes split k, its ≤ child the left child (ML.NET and
/// Burnout.Ml both write leaves as <c>~leaf</c>), its float threshold the threshold, unchanged, so a row takes the
/// same path in both. Where a NaN goes is read per split from ML.NET (<see cref="MlNetMissingValues"/>).</para>
/// <para>ML.NET's probability is its Platt calibrator applied to the summed tree outputs s:
/// 1 / (1 + exp(slope·s + offset)), with slope = −sigmoid (−0.5 by default) and offset 0. The log-odds is therefore
/// −slope·s − offset, so every leaf value is multiplied by −slope and −offset becomes the base score. The model
/// then lives in Burnout.Ml's log-odds margin, and SHAP values are log-odds like those of its own trees. With the
/// default sigmoid the factor is 0.5, a power of two, so the scaled sums are exactly half of ML.NET's.</para>
/// <para>Covers come from the training rows (<see cref="NodeCovers"/>).</para>
/// </remarks>
internal static class LightGbmImporter
{
    public static GradientBoostedTreesModel Import(
        CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> model, FeatureSchema schema, FeatureMatrix coverRows)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(coverRows);
        schema.EnsureCompatible(coverRows.Schema);

        var ensemble = model.SubModel.TrainedTreeEnsemble;

        // LightGBM folds its starting score into the first tree, so ML.NET leaves the bias at 0 and the weights at 1;
        // anything else would be a model this importer was not written for.
        if (ensemble.Bias != 0 || ensemble.TreeWeights.Any(w => w != 1))
        {
            throw new NotSupportedException("The ensemble has a bias or tree weights; LightGBM ensembles in ML.NET have neither.");
        }

        var scale = -model.Calibrator.Slope;
        var baseScore = -model.Calibrator.Offset;
        var trees = ensemble.Trees.Select(tree => NodeCovers.CountRows(ToState(tree, scale, schema.Count), coverRows)).ToArray();
        return GradientBoostedTreesModel.FromState(schema, new GradientBoostedTreesState(schema.Count, baseScore, trees));
    }

    private static TreeState ToState(RegressionTreeBase tree, double scale, int featureCount)
    {
        // ML.NET's GetLeaf returns leaf 0 for a one-leaf tree without looking at the row.
        if (tree.NumberOfLeaves == 1)
        {
            return new TreeState([], [new LeafState(tree.LeafValues[0] * scale, 0)]);
        }

        var nanLeft = MlNetMissingValues.NaNGoesLeft(tree);
        var splits = new SplitState[tree.NumberOfNodes];
        for (var node = 0; node < splits.Length; node++)
        {
            // Categorical splits only arise from one-hot slot ranges annotated as categorical, which the trainer never builds.
            if (tree.CategoricalSplitFlags[node])
            {
                throw new NotSupportedException($"Split {node} is categorical; the LightGBM importer reads numeric splits only.");
            }

            var feature = tree.NumericalSplitFeatureIndexes[node];
            if (feature < 0 || feature >= featureCount)
            {
                throw new ArgumentException($"Split {node} tests feature {feature}; the schema has {featureCount}.");
            }

            splits[node] = new SplitState(
                feature,
                tree.NumericalSplitThresholds[node],
                nanLeft[node],
                tree.LeftChild[node],
                tree.RightChild[node],
                tree.SplitGains[node],
                Cover: 0);
        }

        var leaves = tree.LeafValues.Select(value => new LeafState(value * scale, 0)).ToArray();
        return new TreeState(splits, leaves);
    }
}
