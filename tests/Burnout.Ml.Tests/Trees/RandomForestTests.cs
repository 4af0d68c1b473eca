using System.Text.Json;
using Burnout.Ml.Data;
using Burnout.Ml.Trees.Forest;

namespace Burnout.Ml.Tests.Trees;

public sealed class RandomForestTests
{
    [Fact]
    public void Out_of_bag_AUC_is_high_on_signal_and_near_one_half_on_noise()
    {
        var data = TreeTestData.Mixed(3_000, seed: 91);
        var model = new RandomForestTrainer(new RandomForestOptions { Trees = 60, Threads = 2, Seed = 1 }).Train(data);
        Assert.InRange(model.OutOfBagAuc!.Value, 0.82, 0.95);
        Assert.InRange(model.OutOfBagAccuracy!.Value, 0.7, 0.95);

        var random = new Random(5);
        var shuffled = data.RequireLabels().OrderBy(_ => random.Next()).ToArray();
        var noise = new RandomForestTrainer(new RandomForestOptions { Trees = 60, Threads = 2, Seed = 1 })
            .Train(new FeatureMatrix(data.Schema, data.Values, data.Rows, shuffled));
        Assert.InRange(noise.OutOfBagAuc!.Value, 0.44, 0.56);
    }

    [Fact]
    public void Without_bootstrap_there_is_no_out_of_bag_score()
    {
        var data = TreeTestData.Mixed(500, seed: 92);
        var model = new RandomForestTrainer(new RandomForestOptions { Trees = 3, Bootstrap = false, Threads = 1 }).Train(data);
        Assert.Null(model.OutOfBagAuc);
    }

    [Fact]
    public void Leaves_are_label_shares_and_fully_grown_trees_fit_their_bootstrap()
    {
        // x = 0..39 with labels alternating in blocks of 4: only deep trees can fit it.
        var x = Enumerable.Range(0, 40).Select(i => (float)i).ToArray();
        var y = x.Select(v => ((int)v / 4) % 2 == 0 ? 0f : 1f).ToArray();
        var model = new RandomForestTrainer(new RandomForestOptions { Trees = 1, Bootstrap = false, Threads = 1 })
            .Train(TreeTestData.Column(x, y));
        Assert.All(model.Trees[0].Leaves, l => Assert.True(l.Value is 0 or 1));
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(y[i], model.PredictMargin([x[i]]));
        }
    }

    [Fact]
    public void Every_leaf_holds_at_least_the_minimum_samples()
    {
        // Without bootstrap and weights, a leaf's cover is its row count.
        var data = TreeTestData.Mixed(2_000, seed: 96);
        var model = new RandomForestTrainer(new RandomForestOptions { Trees = 4, Bootstrap = false, MinSamplesLeaf = 7, Threads = 2 })
            .Train(data);
        Assert.All(model.Trees.SelectMany(t => t.Leaves), l => Assert.True(l.Cover >= 7, $"cover {l.Cover}"));
        Assert.Contains(model.Trees.SelectMany(t => t.Leaves), l => l.Cover < 14);
    }

    [Fact]
    public void Same_seed_gives_the_same_forest_for_any_thread_count()
    {
        var data = TreeTestData.Mixed(2_000, seed: 93);
        string Fit(int threads, int seed) => JsonSerializer.Serialize(
            new RandomForestTrainer(new RandomForestOptions { Trees = 8, Threads = threads, Seed = seed }).Train(data).ToState());
        var one = Fit(1, 4);
        Assert.Equal(one, Fit(2, 4));
        Assert.NotEqual(one, Fit(2, 5));
    }

    [Fact]
    public void State_round_trips_through_System_Text_Json_and_scores_bit_identically()
    {
        var data = TreeTestData.Mixed(2_000, seed: 94);
        var model = new RandomForestTrainer(new RandomForestOptions { Trees = 10, Threads = 2, MinSamplesLeaf = 2 }).Train(data);
        var loaded = RandomForestModel.FromState(
            data.Schema, JsonSerializer.Deserialize<RandomForestState>(JsonSerializer.Serialize(model.ToState()))!);
        var test = TreeTestData.Mixed(1_000, seed: 95);
        var expected = new float[test.Rows];
        var actual = new float[test.Rows];
        model.PredictProbabilities(test, expected);
        loaded.PredictProbabilities(test, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(model.OutOfBagAuc, loaded.OutOfBagAuc);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(model.PredictMargin(test.Row(i)), loaded.PredictMargin(test.Row(i)));
        }
    }

    [Fact]
    public void Progress_is_told_each_finished_tree_once()
    {
        var progress = new ProgressRecorder();

        new RandomForestTrainer(new RandomForestOptions { Trees = 9, Threads = 3, Progress = progress }).Fit(TreeTestData.Mixed(300, seed: 4));

        Assert.Equal(Enumerable.Range(1, 9), progress.Reports.Order());
    }
}
