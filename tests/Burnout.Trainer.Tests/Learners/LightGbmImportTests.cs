using Burnout.Ml.Data;
using Burnout.Ml.Serialization;
using Burnout.Ml.Trees.Boosting;
using Burnout.Trainer.Learners.LightGbm;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Burnout.Trainer.Tests.Learners;

public sealed class LightGbmImportTests
{
    private static readonly FeatureMatrix Train = LightGbmTestData.Training(3_000, seed: 7);
    private static readonly LightGbmTrainer Trainer = new(new LightGbmOptions { Iterations = 60, MaxLeaves = 15, Seed = 42 });

    [Fact]
    public void Probabilities_equal_MlNet_on_rows_without_missing_values()
    {
        var rows = LightGbmTestData.Scoring(500, seed: 11, missingShare: 0);

        var difference = MaxDifferenceFromMlNet(rows);

        Assert.InRange(difference, 0, 1e-6);
    }

    [Fact]
    public void Probabilities_equal_MlNet_on_rows_with_NaN_in_several_features()
    {
        // A third of the cells are NaN: features with a learned missing direction and features that had none.
        var rows = LightGbmTestData.Scoring(500, seed: 12, missingShare: 0.35);
        Assert.True(Enumerable.Range(0, rows.Rows).Count(i => CountNaN(rows.Row(i)) >= 2) > 100);

        var difference = MaxDifferenceFromMlNet(rows);

        Assert.InRange(difference, 0, 1e-6);
    }

    [Fact]
    public void The_import_keeps_both_missing_value_directions()
    {
        var model = Trainer.Train(Train);
        var splits = model.Trees.SelectMany(t => t.Splits).ToArray();

        // 'a' (feature 0) had NaN in training, so LightGBM learned a direction for it, left or right.
        Assert.Contains(splits, s => s.Feature == 0 && s.DefaultLeft);
        Assert.Contains(splits, s => s.Feature == 0 && !s.DefaultLeft);

        // 'd' (feature 3) had none: in a tree that also splits on 'a', a missing 'd' is read as 0.
        var dSplits = model.Trees.Where(t => t.Splits.Any(s => s.Feature == 0)).SelectMany(t => t.Splits).Where(s => s.Feature == 3).ToArray();
        Assert.Contains(dSplits, s => s.Threshold < 0);
        Assert.Contains(dSplits, s => s.Threshold > 0);
        Assert.All(dSplits, s => Assert.Equal(0 <= s.Threshold, s.DefaultLeft));
    }

    [Fact]
    public void Shap_values_add_up_to_the_margin_for_every_row()
    {
        var model = Trainer.Train(Train);
        var rows = LightGbmTestData.Scoring(300, seed: 13, missingShare: 0.2);
        var contributions = new double[rows.Columns];
        var anyNonZero = false;

        for (var i = 0; i < rows.Rows; i++)
        {
            var row = rows.Row(i);
            model.Explain(row, contributions, out var bias);

            Assert.Equal(model.PredictMargin(row), bias + contributions.Sum(), 1e-9);
            anyNonZero |= contributions.Any(c => Math.Abs(c) > 1e-3);
        }

        Assert.True(anyNonZero);
    }

    [Fact]
    public void Covers_count_the_training_rows()
    {
        var model = Trainer.Train(Train);

        foreach (var tree in model.Trees)
        {
            Assert.Equal(Train.Rows, tree.Splits[0].Cover);
            Assert.Equal(Train.Rows, tree.Leaves.Sum(l => l.Cover));
        }
    }

    [Fact]
    public void The_imported_model_survives_serialization_with_identical_scores()
    {
        var model = Trainer.Train(Train);
        var rows = LightGbmTestData.Scoring(400, seed: 14, missingShare: 0.25);

        var json = ModelSerializer.Serialize(new ScoringModel(model, null, 0.5, null));
        var loaded = ModelSerializer.Deserialize(json);

        Assert.IsType<GradientBoostedTreesModel>(loaded.Classifier);
        Assert.Equal(Probabilities(model, rows), Probabilities(loaded.Classifier, rows));
        Assert.Equal(json, ModelSerializer.Serialize(loaded));
    }

    [Fact]
    public void The_same_seed_gives_the_same_model()
    {
        var first = ModelSerializer.Serialize(new ScoringModel(Trainer.Train(Train), null, 0.5, null));
        var second = ModelSerializer.Serialize(new ScoringModel(Trainer.Train(Train), null, 0.5, null));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Categorical_features_are_refused_by_name()
    {
        var schema = new FeatureSchema([FeatureDefinition.Numeric("x"), FeatureDefinition.Categorical("colour", ["red", "blue"])]);
        var data = new FeatureMatrix(schema, [0, 0, 1, 1, 2, 0, 3, 1], 4, [0, 1, 0, 1]);

        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(data));

        Assert.Contains("'colour'", error.Message);
    }

    private static double MaxDifferenceFromMlNet(FeatureMatrix rows)
    {
        var mlnet = Trainer.TrainMlNet(Train);
        var imported = Trainer.Train(Train);

        var ml = new MLContext(seed: 0);
        var expected = mlnet.Transform(FeatureMatrixDataView.Create(ml, rows)).GetColumn<float>("Probability").ToArray();
        var margins = new double[rows.Rows];
        imported.PredictMargins(rows, margins);

        Assert.Equal(rows.Rows, expected.Length);
        var difference = expected.Zip(margins, (e, m) => Math.Abs(e - (1 / (1 + Math.Exp(-m))))).Max();
        Console.WriteLine($"max |P(ML.NET) - P(imported)| over {rows.Rows} rows: {difference:E2}");
        return difference;
    }

    private static float[] Probabilities(Burnout.Ml.Models.IBinaryClassifier model, FeatureMatrix rows)
    {
        var probabilities = new float[rows.Rows];
        model.PredictProbabilities(rows, probabilities);
        return probabilities;
    }

    private static int CountNaN(ReadOnlySpan<float> row)
    {
        var count = 0;
        foreach (var value in row)
        {
            count += float.IsNaN(value) ? 1 : 0;
        }

        return count;
    }
}
