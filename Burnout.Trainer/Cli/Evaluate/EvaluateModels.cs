using Burnout.Ml.Linear;
using Burnout.Ml.Models;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Forest;

namespace Burnout.Trainer.Cli.Evaluate;

/// <summary>The learners <c>evaluate --model</c> can run, each with its library defaults plus the seed and thread count.</summary>
internal static class EvaluateModels
{
    public const string Default = "gbdt";

    public static readonly string[] Names = ["gbdt", "logistic", "forest"];

    public static IBinaryClassifierTrainer Create(string model, int seed, int threads) => model switch
    {
        "gbdt" => new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Seed = seed, Threads = threads }),
        "forest" => new RandomForestTrainer(new RandomForestOptions { Seed = seed, Threads = threads }),

        // Logistic regression has no randomness; the seed does not apply.
        "logistic" => new LogisticRegressionTrainer(new LogisticRegressionOptions { Threads = threads }),
        _ => throw new CliUsageException($"unknown model '{model}'; choose one of {string.Join(", ", Names)}"),
    };
}
