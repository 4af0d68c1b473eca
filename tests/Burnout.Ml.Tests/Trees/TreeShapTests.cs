using Burnout.Ml.Data;
using Burnout.Ml.Explain;
using Burnout.Ml.Trees;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Forest;

namespace Burnout.Ml.Tests.Trees;

public sealed class TreeShapTests
{
    /// <summary>
    /// f = x0 AND x1 over four equally weighted corners: root splits x0 (cover 4), x0 = 0 is a leaf 0 (cover 2),
    /// x0 = 1 splits x1 into leaves 0 and 1 (cover 1 each). E[f] = 0.25.
    /// </summary>
    private static GradientBoostedTreesModel AndTree()
    {
        var tree = new TreeState(
            [
                new SplitState(0, 0.5f, DefaultLeft: true, Left: ~0, Right: 1, Gain: 1, Cover: 4),
                new SplitState(1, 0.5f, DefaultLeft: true, Left: ~1, Right: ~2, Gain: 1, Cover: 2),
            ],
            [new LeafState(0, 2), new LeafState(0, 1), new LeafState(1, 1)]);
        return GradientBoostedTreesModel.FromState(FeatureSchema.AllNumeric(["x0", "x1"]), new GradientBoostedTreesState(2, 0, [tree]));
    }

    [Fact]
    public void The_AND_tree_has_the_textbook_Shapley_values()
    {
        var model = AndTree();
        Span<double> phi = stackalloc double[2];

        // x = (1, 1): by symmetry of AND, each feature gets half of 1 − 0.25.
        model.Explain([1f, 1f], phi, out var bias);
        Assert.Equal(0.25, bias, 12);
        Assert.Equal(0.375, phi[0], 12);
        Assert.Equal(0.375, phi[1], 12);

        // x = (1, 0): v({}) = .25, v({0}) = .5, v({1}) = 0, v({0,1}) = 0 → φ0 = ½(.25 + 0) = .125, φ1 = ½(−.25 − .5) = −.375.
        model.Explain([1f, 0f], phi, out bias);
        Assert.Equal(0.125, phi[0], 12);
        Assert.Equal(-0.375, phi[1], 12);

        // x = (0, 1): x1 only matters inside x0 = 1, which this row is not in: v({1}) = .5, v({0}) = 0.
        model.Explain([0f, 1f], phi, out bias);
        Assert.Equal(-0.375, phi[0], 12);
        Assert.Equal(0.125, phi[1], 12);
    }

    [Fact]
    public void Boosted_contributions_plus_bias_equal_the_log_odds_margin()
    {
        var train = TreeTestData.Mixed(5_000, seed: 81);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 40, Threads = 2 }).Train(train);
        Assert.Equal(MarginSpace.LogOdds, model.MarginSpace);
        AssertAdditive(model, TreeTestData.Mixed(200, seed: 82), row => model.PredictMargin(row));
    }

    [Fact]
    public void Forest_contributions_plus_bias_equal_the_probability()
    {
        var train = TreeTestData.Mixed(2_000, seed: 83);
        var model = new RandomForestTrainer(new RandomForestOptions { Trees = 20, Threads = 2, MinSamplesLeaf = 3 }).Train(train);
        Assert.Equal(MarginSpace.Probability, model.MarginSpace);
        AssertAdditive(model, TreeTestData.Mixed(200, seed: 84), row => model.PredictMargin(row));
    }

    [Fact]
    public void A_feature_the_trees_never_use_gets_zero_contribution()
    {
        var train = TreeTestData.Mixed(3_000, seed: 85);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 10, Threads = 1 }).Train(train);
        var unused = Enumerable.Range(0, train.Columns).Where(f => model.Trees.All(t => t.Splits.All(s => s.Feature != f))).ToList();
        var phi = new double[train.Columns];
        for (var i = 0; i < 50; i++)
        {
            model.Explain(train.Row(i), phi, out _);
            foreach (var f in unused)
            {
                Assert.Equal(0, phi[f]);
            }
        }
    }

    private static void AssertAdditive(IExplainableClassifier model, FeatureMatrix rows, Func<float[], double> margin)
    {
        var phi = new double[rows.Columns];
        for (var i = 0; i < rows.Rows; i++)
        {
            var row = rows.Row(i).ToArray();
            model.Explain(row, phi, out var bias);
            Assert.Equal(margin(row), bias + phi.Sum(), 1e-6);
        }
    }
}
