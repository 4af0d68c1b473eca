using System.Text.Json;
using Burnout.Ml.Data;
using Burnout.Ml.Metrics;
using Burnout.Ml.Trees;
using Burnout.Ml.Trees.Boosting;

namespace Burnout.Ml.Tests.Trees;

public sealed class GradientBoostedTreesTests
{
    [Fact]
    public void A_step_function_gives_one_split_at_the_midpoint_with_leaf_values_minus_G_over_H_plus_lambda_times_lr()
    {
        // x = 0..99, y = 1 from 50: base score log(50/50) = 0, so p = 0.5, g = p − y = ±0.5, h = 0.25.
        var x = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();
        var y = x.Select(v => v >= 50 ? 1f : 0f).ToArray();
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 1, MaxLeaves = 2, MinSamplesLeaf = 1, L2Regularization = 1, LearningRate = 0.1, Threads = 1,
        }).Train(TreeTestData.Column(x, y));

        Assert.Equal(0, model.BaseScore, 12);
        var tree = Assert.Single(model.Trees);
        var split = Assert.Single(tree.Splits);
        Assert.Equal(0, split.Feature);
        Assert.Equal(49.5f, split.Threshold);

        // Left: G = 50 × 0.5 = 25, H = 50 × 0.25 = 12.5 → −25 / 13.5 × 0.1; right is the mirror image.
        var expected = 25 / 13.5 * 0.1;
        Assert.Equal(-expected, tree.Leaves[~split.Left].Value, 6);
        Assert.Equal(expected, tree.Leaves[~split.Right].Value, 6);
        Assert.Equal(12.5, tree.Leaves[~split.Left].Cover, 4);
        Assert.Equal(25 * 25 / 13.5 * 2 - 0, split.Gain, 4);
    }

    [Fact]
    public void Missing_values_learn_their_direction_and_are_scored_that_way()
    {
        // Missing rows behave like the low values (label 0), so the split must send NaN left.
        var x = Enumerable.Range(0, 100).Select(i => (float)i).Concat(Enumerable.Repeat(float.NaN, 30)).ToArray();
        var y = x.Select(v => v >= 50 ? 1f : 0f).ToArray();
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 5, MaxLeaves = 2, MinSamplesLeaf = 1, Threads = 1,
        }).Train(TreeTestData.Column(x, y));

        Assert.All(model.Trees, t => Assert.True(Assert.Single(t.Splits).DefaultLeft));
        Assert.Equal(model.PredictMargin([0f]), model.PredictMargin([float.NaN]));
        Assert.True(model.PredictMargin([float.NaN]) < model.PredictMargin([99f]));

        // Flip the missing rows' labels: now NaN must go right.
        var flipped = x.Select(v => float.IsNaN(v) || v >= 50 ? 1f : 0f).ToArray();
        var other = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 1, MaxLeaves = 2, MinSamplesLeaf = 1, Threads = 1,
        }).Train(TreeTestData.Column(x, flipped));
        Assert.False(Assert.Single(other.Trees[0].Splits).DefaultLeft);
        Assert.Equal(other.PredictMargin([99f]), other.PredictMargin([float.NaN]));
    }

    [Fact]
    public void Unseen_missing_values_follow_the_larger_child()
    {
        // 80 rows below the cut, 20 above, none missing: NaN at scoring time goes with the 80.
        var x = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();
        var y = x.Select(v => v >= 80 ? 1f : 0f).ToArray();
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 1, MaxLeaves = 2, MinSamplesLeaf = 1, Threads = 1,
        }).Train(TreeTestData.Column(x, y));

        Assert.Equal(79.5f, model.Trees[0].Splits[0].Threshold);
        Assert.Equal(model.PredictMargin([3f]), model.PredictMargin([float.NaN]));
    }

    [Fact]
    public void A_categorical_feature_is_split_by_code_set_not_by_code_order()
    {
        // Codes 1 and 3 are positive, 0, 2 and 4 negative: no single threshold on the code separates them.
        var schema = new FeatureSchema([FeatureDefinition.Categorical("c", ["a", "b", "c", "d", "e"])]);
        var codes = Enumerable.Range(0, 500).Select(i => (float)(i % 5)).ToArray();
        var labels = codes.Select(c => c is 1f or 3f ? 1f : 0f).ToArray();
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 1, MaxLeaves = 2, MinSamplesLeaf = 1, CategoricalSmoothing = 0, Threads = 1,
        }).Train(new FeatureMatrix(schema, codes, codes.Length, labels));

        var split = Assert.Single(model.Trees[0].Splits);
        Assert.True(split.IsCategorical);
        var left = split.LeftCategories!;
        Assert.True(left.SequenceEqual([1, 3]) || left.SequenceEqual([0, 2, 4]), string.Join(",", left));
        Assert.True(model.PredictMargin([1f]) > model.PredictMargin([0f]));
        Assert.Equal(model.PredictMargin([3f]), model.PredictMargin([1f]));
        Assert.Equal(model.PredictMargin([4f]), model.PredictMargin([2f]));
    }

    [Fact]
    public void Trees_respect_max_leaves_and_max_depth()
    {
        var data = TreeTestData.Mixed(3000, seed: 3);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 5, MaxLeaves = 12, MaxDepth = 3, MinSamplesLeaf = 5, Threads = 2,
        }).Train(data);

        Assert.All(model.Trees, t =>
        {
            Assert.InRange(t.Leaves.Length, 2, 8);
            Assert.True(Depth(t, t.Root) <= 3);
        });
        var unbounded = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 5, MaxLeaves = 12, MinSamplesLeaf = 5, Threads = 2,
        }).Train(data);
        Assert.All(unbounded.Trees, t => Assert.Equal(12, t.Leaves.Length));
    }

    [Fact]
    public void Every_leaf_holds_at_least_the_minimum_hessian()
    {
        // Leaf cover is the leaf's hessian sum; with a high minimum the trees must stop early.
        var data = TreeTestData.Mixed(3000, seed: 4);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 5, MaxLeaves = 64, MinSamplesLeaf = 1, MinHessianLeaf = 40, Threads = 2,
        }).Train(data);
        Assert.All(model.Trees.SelectMany(t => t.Leaves), l => Assert.True(l.Cover >= 40, $"cover {l.Cover}"));
        Assert.All(model.Trees, t => Assert.True(t.Leaves.Length < 64));
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(1.0)]
    public void Same_seed_gives_a_bit_identical_model_for_any_thread_count(double rowSubsample)
    {
        // Large enough for parallel histograms and parallel partitions. Without row subsampling the
        // grower keeps no row indexes, so both paths are checked.
        var data = TreeTestData.Mixed(140_000, seed: 11);
        GradientBoostedTreesOptions Options(int threads) => new()
        {
            Iterations = 8, RowSubsample = rowSubsample, FeatureSubsample = 0.7, Seed = 5, Threads = threads,
        };

        var one = Serialize(new GradientBoostedTreesTrainer(Options(1)).Train(data));
        var two = Serialize(new GradientBoostedTreesTrainer(Options(2)).Train(data));
        var again = Serialize(new GradientBoostedTreesTrainer(Options(2)).Train(data));
        var otherSeed = Serialize(new GradientBoostedTreesTrainer(Options(2) with { Seed = 6 }).Train(data));

        Assert.Equal(one, two);
        Assert.Equal(two, again);
        Assert.NotEqual(two, otherSeed);
    }

    [Fact]
    public void Learns_the_mixed_set_well()
    {
        var train = TreeTestData.Mixed(20_000, seed: 1);
        var test = TreeTestData.Mixed(5_000, seed: 2);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 100, Threads = 2 }).Train(train);
        var p = new float[test.Rows];
        model.PredictProbabilities(test, p);

        // The Bayes-optimal AUC of this set is about 0.90; a broken learner lands near 0.5–0.8.
        Assert.True(RankingMetrics.RocAuc(test.RequireLabels(), p) > 0.87);
    }

    [Fact]
    public void Early_stopping_stops_and_keeps_the_best_round()
    {
        var train = TreeTestData.Mixed(4_000, seed: 21);
        var validation = TreeTestData.Mixed(2_000, seed: 22);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 500, LearningRate = 0.3, MaxLeaves = 63, MinSamplesLeaf = 2, EarlyStoppingRounds = 5, Threads = 2,
        }).Train(train, validation);

        var losses = model.ValidationLogLoss;
        Assert.True(losses.Count < 500, $"ran {losses.Count} rounds");
        var best = losses.ToList().IndexOf(losses.Min());
        Assert.Equal(best + 1, model.TreeCount);
        Assert.Equal(best + 6, losses.Count);
    }

    [Fact]
    public void Class_weights_shift_predictions_towards_the_up_weighted_class()
    {
        var data = TreeTestData.Mixed(5_000, seed: 31);
        float[] Scores(ClassWeights weights)
        {
            var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
            {
                Iterations = 30, ClassWeights = weights, Threads = 2,
            }).Train(data);
            var p = new float[data.Rows];
            model.PredictProbabilities(data, p);
            return p;
        }

        var plain = Scores(ClassWeights.None).Average();
        var positive = Scores(ClassWeights.Explicit(1, 4)).Average();
        var negative = Scores(ClassWeights.Explicit(4, 1)).Average();
        Assert.True(positive > plain + 0.05, $"{positive} vs {plain}");
        Assert.True(negative < plain - 0.05, $"{negative} vs {plain}");
    }

    [Fact]
    public void Batch_scoring_on_many_threads_matches_row_scoring_bit_for_bit()
    {
        var train = TreeTestData.Mixed(5_000, seed: 41);
        var test = TreeTestData.Mixed(3_001, seed: 42);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 20, Threads = 2 }).Train(train);
        model.ScoringThreads = 3;
        var margins = new double[test.Rows];
        model.PredictMargins(test, margins);
        for (var i = 0; i < test.Rows; i++)
        {
            Assert.Equal(model.PredictMargin(test.Row(i)), margins[i]);
        }
    }

    [Fact]
    public void State_round_trips_through_System_Text_Json_and_scores_bit_identically()
    {
        var train = TreeTestData.Mixed(5_000, seed: 51);
        var test = TreeTestData.Mixed(2_000, seed: 52);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 30, Threads = 2 }).Train(train);

        var json = JsonSerializer.Serialize(model.ToState());
        var loaded = GradientBoostedTreesModel.FromState(train.Schema, JsonSerializer.Deserialize<GradientBoostedTreesState>(json)!);

        var expected = new double[test.Rows];
        var actual = new double[test.Rows];
        model.PredictMargins(test, expected);
        loaded.PredictMargins(test, actual);
        Assert.Equal(expected, actual);
        Assert.Contains(model.Trees.SelectMany(t => t.Splits), s => s.IsCategorical);
        Assert.Equal(json, JsonSerializer.Serialize(loaded.ToState()));
    }

    [Fact]
    public void Scoring_rejects_a_different_schema_naming_the_feature()
    {
        var train = TreeTestData.Mixed(500, seed: 61);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 2, Threads = 1 }).Train(train);
        var renamed = new FeatureSchema(train.Schema.Features.Select((f, i) => i == 2 ? f with { Name = "other" } : f));
        var error = Assert.Throws<SchemaMismatchException>(() =>
            model.PredictProbabilities(new FeatureMatrix(renamed, train.Values, train.Rows), new float[train.Rows]));
        Assert.Equal("other", error.FeatureName);
    }

    [Fact]
    public void Gain_importance_ranks_the_informative_feature_above_noise()
    {
        var data = TreeTestData.Mixed(10_000, seed: 71);
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 30, Threads = 2 }).Train(data);
        var importance = model.GainImportance();
        Assert.Equal(1, importance.Sum(), 9);
        Assert.True(importance[0] > 5 * importance[4], string.Join(", ", importance));
    }

    internal static string Serialize(GradientBoostedTreesModel model) => JsonSerializer.Serialize(model.ToState());

    private static int Depth(TreeState tree, int node) =>
        node < 0 ? 0 : 1 + Math.Max(Depth(tree, tree.Splits[node].Left), Depth(tree, tree.Splits[node].Right));

    [Fact]
    public void Progress_is_told_each_finished_round_in_order()
    {
        var progress = new ProgressRecorder();

        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 12, Threads = 2, Progress = progress })
            .Train(TreeTestData.Mixed(500, seed: 3));

        Assert.Equal(12, model.TreeCount);
        Assert.Equal(Enumerable.Range(1, 12), progress.Reports);
    }
}
