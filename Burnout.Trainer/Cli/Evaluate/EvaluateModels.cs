using Burnout.Ml.Linear;
using Burnout.Ml.Models;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Forest;
using Burnout.Trainer.Learners.LightGbm;

namespace Burnout.Trainer.Cli.Evaluate;

/// <summary>
/// The learners <c>evaluate --model</c> can run, each with its library defaults plus the seed, the thread count and
/// the hyperparameters given on the command line. The tree learners report progress on <c>stderr</c> per tenth of
/// their rounds or trees; ML.NET's LightGBM trainer offers no per-round hook, so lightgbm fits report none.
/// </summary>
internal static class EvaluateModels
{
    public const string Default = "gbdt";

    public static readonly string[] Names = ["gbdt", "lightgbm", "logistic", "forest"];

    private static readonly string[] BoostingOptions = ["--iterations", "--leaves", "--learning-rate", "--max-bins"];

    public static IBinaryClassifierTrainer Create(EvaluateArguments arguments, TextWriter stderr)
    {
        var (model, s) = (arguments.Model, arguments.Settings);
        switch (model)
        {
            case "gbdt":
            {
                Allow(model, s, BoostingOptions);
                var defaults = new GradientBoostedTreesOptions();
                var iterations = s.Iterations ?? defaults.Iterations;
                return new GradientBoostedTreesTrainer(defaults with
                {
                    Iterations = iterations,
                    MaxLeaves = s.Leaves ?? defaults.MaxLeaves,
                    LearningRate = s.LearningRate ?? defaults.LearningRate,
                    MaxBins = s.MaxBins ?? defaults.MaxBins,
                    Seed = arguments.Seed,
                    Threads = arguments.Threads,
                    Progress = new StderrProgress(stderr, model, iterations, "rounds"),
                });
            }

            case "lightgbm":
            {
                Allow(model, s, BoostingOptions);
                var defaults = new LightGbmOptions();
                return new LightGbmTrainer(defaults with
                {
                    Iterations = s.Iterations ?? defaults.Iterations,
                    MaxLeaves = s.Leaves ?? defaults.MaxLeaves,
                    LearningRate = s.LearningRate ?? defaults.LearningRate,
                    MaxBins = s.MaxBins ?? defaults.MaxBins,
                    Seed = arguments.Seed,
                    Threads = arguments.Threads,
                });
            }

            case "forest":
            {
                Allow(model, s, ["--trees"]);
                var defaults = new RandomForestOptions();
                var trees = s.Trees ?? defaults.Trees;
                return new RandomForestTrainer(defaults with
                {
                    Trees = trees,
                    Seed = arguments.Seed,
                    Threads = arguments.Threads,
                    Progress = new StderrProgress(stderr, model, trees, "trees"),
                });
            }

            // Logistic regression has no randomness; the seed does not apply.
            case "logistic":
                Allow(model, s, []);
                return new LogisticRegressionTrainer(new LogisticRegressionOptions { Threads = arguments.Threads });

            default:
                throw new CliUsageException($"unknown model '{model}'; choose one of {string.Join(", ", Names)}");
        }
    }

    private static void Allow(string model, LearnerSettings settings, string[] allowed)
    {
        var unused = settings.Given().FirstOrDefault(option => !allowed.Contains(option));
        if (unused is not null)
        {
            throw new CliUsageException($"{unused} does not apply to --model {model}");
        }
    }
}
