using Burnout.Ml.Importance;
using Burnout.Ml.Metrics;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Forest;

namespace Burnout.Ml.Tests.Trees;

public sealed class ImportanceTests
{
    private static readonly BinaryScore Auc = (labels, p) => RankingMetrics.RocAuc(labels, p);

    [Fact]
    public void Permutation_importance_puts_the_strong_feature_first_and_noise_near_zero()
    {
        var train = TreeTestData.Mixed(5_000, seed: 101);
        var test = TreeTestData.Mixed(2_000, seed: 102);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 40, Threads = 2 }).Train(train);

        var result = PermutationImportance.Compute(model, test, Auc, repeats: 3, seed: 7);
        Assert.Equal(test.Schema.Features.Select(f => f.Name), result.Select(r => r.Feature));
        Assert.Equal("x0", result.MaxBy(r => r.MeanDrop)!.Feature);
        Assert.InRange(result.Single(r => r.Feature == "noise").MeanDrop, -0.01, 0.01);
        Assert.True(result.Single(r => r.Feature == "group").MeanDrop > 0.02);

        var again = PermutationImportance.Compute(model, test, Auc, repeats: 3, seed: 7);
        Assert.Equal(result, again);
    }

    [Fact]
    public void Forest_gain_importance_sums_to_one_and_favours_signal()
    {
        var data = TreeTestData.Mixed(3_000, seed: 103);
        var model = new RandomForestTrainer(new RandomForestOptions { Trees = 20, Threads = 2 }).Train(data);
        var importance = model.GainImportance();
        Assert.Equal(1, importance.Sum(), 9);
        Assert.True(importance[0] > importance[4], string.Join(", ", importance));
    }
}
