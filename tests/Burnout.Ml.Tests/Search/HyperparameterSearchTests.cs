using Burnout.Ml.Data;
using Burnout.Ml.Linear;
using Burnout.Ml.Models;
using Burnout.Ml.Search;

namespace Burnout.Ml.Tests.Search;

public sealed class HyperparameterSearchTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Grouped_folds_never_share_a_group_and_cover_every_row_once(bool stratified)
    {
        var (data, groups) = Students(150, seed: 1);
        var folds = GroupedFolds.Split(groups, 5, seed: 7, stratified ? data.Labels : default);

        var validated = new int[data.Rows];
        foreach (var fold in folds)
        {
            var trainGroups = fold.TrainRows.Select(r => groups[r]).ToHashSet();
            Assert.DoesNotContain(fold.ValidationRows, r => trainGroups.Contains(groups[r]));
            Assert.Equal(data.Rows, fold.TrainRows.Length + fold.ValidationRows.Length);
            foreach (var row in fold.ValidationRows)
            {
                validated[row]++;
            }
        }

        Assert.All(validated, count => Assert.Equal(1, count));
        Assert.All(folds, fold => Assert.InRange(fold.ValidationRows.Length, data.Rows / 5 * 0.8, data.Rows / 5 * 1.2));
    }

    [Fact]
    public void Stratified_grouped_folds_keep_the_positive_rate_close_to_overall()
    {
        var (data, groups) = Students(300, seed: 2);
        var labels = data.Labels!;
        var overall = labels.Average();

        var folds = GroupedFolds.Split(groups, 5, seed: 3, labels);

        Assert.All(folds, fold => Assert.InRange(fold.ValidationRows.Average(r => labels[r]), overall - 0.05, overall + 0.05));
    }

    [Fact]
    public void Random_search_ranks_the_informative_trainer_above_a_constant_one_and_is_repeatable()
    {
        var (data, groups) = Students(120, seed: 4);
        var space = new ParameterSpace()
            .Add("kind", ParameterDistribution.Choice("logistic", "constant"))
            .Add("C", ParameterDistribution.LogUniform(0.01, 10));
        var options = new SearchOptions { Candidates = 6, Folds = 3, Seed = 11 };

        var trials = HyperparameterSearch.RandomSearch(data, groups, space, Factory, options);
        var again = HyperparameterSearch.RandomSearch(data, groups, space, Factory, options);

        Assert.Equal(6, trials.Count);
        Assert.Equal(trials.Select(t => (t.Candidate, t.MeanScore)), again.Select(t => (t.Candidate, t.MeanScore)));
        Assert.Equal("logistic", trials[0].Parameters["kind"]);
        Assert.Equal("constant", trials[^1].Parameters["kind"]);
        Assert.Equal(0.5, trials[^1].MeanScore, 12);
        Assert.True(trials[0].MeanScore > 0.75);
        for (var k = 1; k < trials.Count; k++)
        {
            Assert.True(trials[k - 1].MeanScore >= trials[k].MeanScore);
        }
    }

    [Fact]
    public void Successive_halving_promotes_a_third_at_each_rung()
    {
        var (data, groups) = Students(180, seed: 5);
        var space = new ParameterSpace()
            .Add("kind", ParameterDistribution.Choice("logistic", "constant"))
            .Add("C", ParameterDistribution.LogUniform(0.01, 10));
        var options = new SearchOptions { Candidates = 9, Folds = 3, Seed = 2, Eta = 3, MinResourceFraction = 1.0 / 9 };

        var trials = HyperparameterSearch.SuccessiveHalving(data, groups, space, Factory, options);

        Assert.Equal(9, trials.Count);
        Assert.Equal(1.0, trials[0].Resource, 12);
        Assert.Single(trials, t => t.Resource == 1.0);
        Assert.Equal(2, trials.Count(t => Math.Abs(t.Resource - (1.0 / 3)) < 1e-12));
        Assert.Equal(6, trials.Count(t => Math.Abs(t.Resource - (1.0 / 9)) < 1e-12));
        Assert.Equal("logistic", trials[0].Parameters["kind"]);
    }

    private static IBinaryClassifierTrainer Factory(IReadOnlyDictionary<string, object> parameters) =>
        (string)parameters["kind"] == "constant"
            ? new ConstantTrainer()
            : new LogisticRegressionTrainer(new LogisticRegressionOptions { C = parameters.GetDouble("C", 1) });

    /// <summary>Students with 5 to 15 rows each; a student's rows share a latent risk that drives both x and the label.</summary>
    private static (FeatureMatrix Data, int[] Groups) Students(int students, int seed)
    {
        var random = new Random(seed);
        var values = new List<float>();
        var labels = new List<float>();
        var groups = new List<int>();
        for (var s = 0; s < students; s++)
        {
            var risk = (random.NextDouble() * 4) - 2;
            var rows = random.Next(5, 16);
            for (var r = 0; r < rows; r++)
            {
                values.Add((float)(risk + (random.NextDouble() - 0.5)));
                values.Add((float)random.NextDouble());
                labels.Add(random.NextDouble() < 1 / (1 + Math.Exp(-2 * risk)) ? 1 : 0);
                groups.Add(1000 + s);
            }
        }

        var data = new FeatureMatrix(FeatureSchema.AllNumeric(["x", "noise"]), [.. values], labels.Count, [.. labels]);
        return (data, [.. groups]);
    }

    /// <summary>Scores every row 0.5: AUC exactly one half.</summary>
    private sealed class ConstantTrainer : IBinaryClassifierTrainer
    {
        public IBinaryClassifier Fit(FeatureMatrix train, FeatureMatrix? validation = null) => new Constant(train.Schema);

        private sealed class Constant(FeatureSchema schema) : IBinaryClassifier
        {
            public FeatureSchema Schema => schema;

            public void PredictProbabilities(FeatureMatrix features, Span<float> probabilities) => probabilities.Fill(0.5f);
        }
    }
}
