using Burnout.Ml.Linear;
using Burnout.Ml.Models;
using Burnout.Ml.Search;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Forest;
using Burnout.Trainer.Learners.LightGbm;

namespace Burnout.Trainer.Training;

/// <summary>A learner a training run compares: its name, the hyperparameters it is tuned over, and how to build it.</summary>
public sealed record CandidateLearner(string Name, ParameterSpace Space, Func<IReadOnlyDictionary<string, object>, int, IBinaryClassifierTrainer> Create)
{
    public static readonly CandidateLearner GradientBoostedTrees = new(
        "gbdt",
        new ParameterSpace()
            .Add("learning_rate", ParameterDistribution.LogUniform(0.03, 0.3))
            .Add("max_leaves", ParameterDistribution.Integer(7, 63))
            .Add("min_samples_leaf", ParameterDistribution.Integer(10, 100))
            .Add("l2", ParameterDistribution.LogUniform(1e-3, 10)),
        (p, seed) => new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
        {
            Iterations = 200,
            LearningRate = p.GetDouble("learning_rate", 0.1),
            MaxLeaves = p.GetInt("max_leaves", 31),
            MinSamplesLeaf = p.GetInt("min_samples_leaf", 20),
            L2Regularization = p.GetDouble("l2", 0),
            Seed = seed,
        }));

    public static readonly CandidateLearner LogisticRegression = new(
        "logistic",
        new ParameterSpace().Add("c", ParameterDistribution.LogUniform(1e-3, 1e2)),
        (p, _) => new LogisticRegressionTrainer(new LogisticRegressionOptions { C = p.GetDouble("c", 1) }));

    public static readonly CandidateLearner RandomForest = new(
        "forest",
        new ParameterSpace()
            .Add("trees", ParameterDistribution.Integer(50, 150))
            .Add("min_samples_leaf", ParameterDistribution.Integer(1, 50))
            .Add("feature_fraction", ParameterDistribution.Uniform(0.3, 1.0)),
        (p, seed) => new RandomForestTrainer(new RandomForestOptions
        {
            Trees = p.GetInt("trees", 100),
            MinSamplesLeaf = p.GetInt("min_samples_leaf", 1),
            FeatureFractionPerSplit = p.GetDouble("feature_fraction", 0),
            Seed = seed,
        }));

    /// <summary>LightGBM through ML.NET, imported into Burnout.Ml's trees so that it is scored and explained like the others.</summary>
    public static readonly CandidateLearner LightGbm = new(
        "lightgbm",
        new ParameterSpace()
            .Add("learning_rate", ParameterDistribution.LogUniform(0.03, 0.3))
            .Add("max_leaves", ParameterDistribution.Integer(7, 63))
            .Add("min_samples_leaf", ParameterDistribution.Integer(10, 100)),
        (p, seed) => new PriorWhenSingleClass(new LightGbmTrainer(new LightGbmOptions
        {
            Iterations = 200,
            LearningRate = p.GetDouble("learning_rate", 0.1),
            MaxLeaves = p.GetInt("max_leaves", 31),
            MinSamplesLeaf = p.GetInt("min_samples_leaf", 20),
            Seed = seed,
        })));

    public static IReadOnlyList<CandidateLearner> All { get; } = [GradientBoostedTrees, LogisticRegression, RandomForest, LightGbm];

    public static CandidateLearner? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
