using System.Globalization;

namespace Burnout.Trainer.Cli.Evaluate;

/// <summary>The parsed arguments of <see cref="EvaluateCommand"/>; a null hyperparameter means the learner's default.</summary>
internal sealed record EvaluateArguments(
    string TrainPath,
    string TestPath,
    string Label,
    string? PositiveLabel,
    string Model,
    int Seed,
    int Threads,
    LearnerSettings Settings)
{
    public const string Usage =
        "--train TRAIN.csv --test TEST.csv --label COLUMN [--positive-label TEXT] [--model gbdt|lightgbm|logistic|forest] [--seed N] [--threads N]"
        + " [--iterations N] [--leaves N] [--learning-rate X] [--max-bins N] [--trees N]";

    public static EvaluateArguments Parse(IReadOnlyList<string> args)
    {
        string? train = null, test = null, label = null, positive = null;
        var model = EvaluateModels.Default;
        var seed = 0;
        var threads = Environment.ProcessorCount;
        var settings = new LearnerSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new CliUsageException($"{name} needs a value; usage: evaluate {Usage}");
            }

            var value = args[++i];
            switch (name)
            {
                case "--train":
                    train = value;
                    break;
                case "--test":
                    test = value;
                    break;
                case "--label":
                    label = value;
                    break;
                case "--positive-label":
                    positive = value;
                    break;
                case "--model":
                    model = value;
                    break;
                case "--seed":
                    seed = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
                        ? s
                        : throw new CliUsageException($"--seed must be a whole number, not '{value}'");
                    break;
                case "--threads":
                    threads = WholeNumber(name, value, 1);
                    break;
                case "--iterations":
                    settings = settings with { Iterations = WholeNumber(name, value, 1) };
                    break;
                case "--leaves":
                    settings = settings with { Leaves = WholeNumber(name, value, 2) };
                    break;
                case "--learning-rate":
                    settings = settings with { LearningRate = PositiveNumber(name, value) };
                    break;
                case "--max-bins":
                    settings = settings with { MaxBins = WholeNumber(name, value, 2, 255) };
                    break;
                case "--trees":
                    settings = settings with { Trees = WholeNumber(name, value, 1) };
                    break;
                default:
                    throw new CliUsageException($"unknown option '{name}'; usage: evaluate {Usage}");
            }
        }

        return new EvaluateArguments(
            train ?? throw new CliUsageException($"--train is required; usage: evaluate {Usage}"),
            test ?? throw new CliUsageException($"--test is required; usage: evaluate {Usage}"),
            label ?? throw new CliUsageException($"--label is required; usage: evaluate {Usage}"),
            positive,
            model,
            seed,
            threads,
            settings);
    }

    private static int WholeNumber(string name, string value, int min, int max = int.MaxValue)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        var range = max == int.MaxValue ? $"of at least {min}" : $"from {min} to {max}";
        throw new CliUsageException($"{name} must be a whole number {range}, not '{value}'");
    }

    private static double PositiveNumber(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && double.IsFinite(number)
            ? number
            : throw new CliUsageException($"{name} must be a positive number, not '{value}'");
}
