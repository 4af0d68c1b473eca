using System.Text.Json;
using Burnout.Ml.Calibration;
using Burnout.Ml.Data;
using Burnout.Ml.Linear;
using Burnout.Ml.Models;
using Burnout.Ml.Serialization;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Forest;

namespace Burnout.Ml.Tests.Serialization;

public sealed class ModelSerializerTests
{
    [Fact]
    public void Logistic_model_with_calibration_and_bands_round_trips_bit_identically()
    {
        var data = MixedData(3_000, seed: 1);
        var classifier = new LogisticRegressionTrainer().Fit(data);
        var probabilities = new float[data.Rows];
        classifier.PredictProbabilities(data, probabilities);
        var calibrator = IsotonicCalibrator.Fit(data.Labels!, probabilities);
        var model = new ScoringModel(classifier, calibrator, 0.4, new RiskBands(0.2, 0.4));

        var json = ModelSerializer.Serialize(model);
        var loaded = ModelSerializer.Deserialize(json);

        Assert.Equal(model.Score(data), loaded.Score(data));
        Assert.Equal(json, ModelSerializer.Serialize(loaded));
        Assert.Equal(["x", "colour", "y"], loaded.Schema.Features.Select(f => f.Name));
        Assert.Equal(["blue", "green", "red"], loaded.Schema[1].Categories);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("burnout-model", document.RootElement.GetProperty("format").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("formatVersion").GetInt32());
        Assert.Equal("logistic", document.RootElement.GetProperty("kind").GetString());
        Assert.Equal("isotonic", document.RootElement.GetProperty("calibration").GetProperty("kind").GetString());
        Assert.Contains("\n  ", json);
    }

    [Fact]
    public void Platt_calibration_round_trips()
    {
        var data = MixedData(500, seed: 2);
        var classifier = new LogisticRegressionTrainer().Fit(data);
        var model = new ScoringModel(classifier, new PlattCalibrator(0.75, -0.125), 0.5, null);

        var loaded = ModelSerializer.Deserialize(ModelSerializer.Serialize(model));

        var platt = Assert.IsType<PlattCalibrator>(loaded.Calibrator);
        Assert.Equal(0.75, platt.A);
        Assert.Equal(model.Score(data), loaded.Score(data));
    }

    [Theory]
    [InlineData("gbdt")]
    [InlineData("forest")]
    public void Tree_models_round_trip_bit_identically(string kind)
    {
        var data = MixedData(2_000, seed: 3);
        IBinaryClassifier classifier = kind == "gbdt"
            ? new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 20, Threads = 1 }).Fit(data)
            : new RandomForestTrainer(new RandomForestOptions { Trees = 10, Threads = 1 }).Fit(data);
        var model = new ScoringModel(classifier, null, 0.5, null);

        var json = ModelSerializer.Serialize(model);
        var loaded = ModelSerializer.Deserialize(json);

        Assert.Contains($"\"kind\": \"{kind}\"", json);
        Assert.Equal(model.Score(data), loaded.Score(data));
    }

    [Fact]
    public void Features_that_do_not_match_the_schema_are_refused_by_name()
    {
        var data = MixedData(300, seed: 4);
        var model = new ScoringModel(new LogisticRegressionTrainer().Fit(data), null, 0.5, null);

        var renamed = new FeatureSchema([FeatureDefinition.Numeric("x"), data.Schema[1], FeatureDefinition.Numeric("z")]);
        var error = Assert.Throws<SchemaMismatchException>(() => model.Score(new FeatureMatrix(renamed, new float[3], 1)));
        Assert.Equal("z", error.FeatureName);

        var missing = Assert.Throws<SchemaMismatchException>(() => model.Score(new Dictionary<string, float> { ["x"] = 1, ["colour"] = 0 }));
        Assert.Equal("y", missing.FeatureName);

        var unknown = Assert.Throws<SchemaMismatchException>(
            () => model.Score(new Dictionary<string, float> { ["x"] = 1, ["colour"] = 0, ["y"] = 2, ["shoe size"] = 44 }));
        Assert.Equal("shoe size", unknown.FeatureName);

        var score = model.Score(new Dictionary<string, float> { ["x"] = 1, ["colour"] = 0, ["y"] = 2 });
        Assert.InRange(score.Probability, 0, 1);
    }

    [Fact]
    public void Documents_of_another_format_version_or_kind_are_refused()
    {
        var data = MixedData(300, seed: 5);
        var json = ModelSerializer.Serialize(new ScoringModel(new LogisticRegressionTrainer().Fit(data), null, 0.5, null));

        Assert.Contains("version 2", Assert.Throws<ModelFormatException>(
            () => ModelSerializer.Deserialize(json.Replace("\"formatVersion\": 1", "\"formatVersion\": 2"))).Message);
        Assert.Contains("unknown model kind 'svm'", Assert.Throws<ModelFormatException>(
            () => ModelSerializer.Deserialize(json.Replace("\"kind\": \"logistic\"", "\"kind\": \"svm\""))).Message);
        Assert.Throws<ModelFormatException>(() => ModelSerializer.Deserialize("{\"format\": \"something-else\"}"));
    }

    /// <summary>A numeric, a categorical (3 colours) and a numeric-with-missing feature; the label depends on all three.</summary>
    private static FeatureMatrix MixedData(int rows, int seed)
    {
        var schema = new FeatureSchema([
            FeatureDefinition.Numeric("x"),
            FeatureDefinition.Categorical("colour", ["blue", "green", "red"]),
            FeatureDefinition.Numeric("y"),
        ]);
        var random = new Random(seed);
        var values = new float[rows * 3];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var x = (float)random.NextDouble();
            var colour = random.Next(3);
            var y = random.NextDouble() < 0.1 ? float.NaN : (float)(random.NextDouble() * 5);
            values[i * 3] = x;
            values[(i * 3) + 1] = colour;
            values[(i * 3) + 2] = y;
            var margin = (2 * x) - 1 + (colour == 2 ? 1 : 0) + (float.IsNaN(y) ? 0 : (y - 2.5) * 0.3);
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-margin)) ? 1 : 0;
        }

        return new FeatureMatrix(schema, values, rows, labels);
    }
}
