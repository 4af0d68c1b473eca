using System.Globalization;

namespace Burnout.Trainer.Cli.Evaluate;

/// <summary>The parsed arguments of <see cref="EvaluateCommand"/>.</summary>
internal sealed record EvaluateArguments(
    string TrainPath,
    string TestPath,
    string Label,
    string? PositiveLabel,
    string Model,
    int Seed,
    int Threads)
{
    public const string Usage =
        "--train TRAIN.csv --test TEST.csv --label COLUMN [--positive-label TEXT] [--model gbdt|logistic|forest] [--seed N] [--threads N]";

    public static EvaluateArguments Parse(IReadOnlyList<string> args)
    {
        string? train = null, test = null, label = null, positive = null;
        var model = EvaluateModels.Default;
        var seed = 0;
        var threads = Environment.ProcessorCount;
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
                    threads = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t >= 1
                        ? t
                        : throw new CliUsageException($"--threads must be a whole number of at least 1, not '{value}'");
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
            threads);
    }
}
