using System.Diagnostics;
using System.Text.Json;
using Burnout.Ml.Metrics;
using Burnout.Ml.Models;
using Burnout.Trainer.Cli.Evaluate;
using Burnout.Trainer.Csv;

namespace Burnout.Trainer.Cli;

/// <summary>
/// <c>evaluate --train TRAIN.csv --test TEST.csv --label COLUMN [--model gbdt|lightgbm|logistic|forest] [--seed N] [--threads N]
/// [--iterations N] [--leaves N] [--learning-rate X] [--max-bins N] [--trees N]</c>:
/// trains on one CSV file, scores another and prints one JSON object with timings and test metrics (F1 and accuracy
/// at probability 0.5). Column kinds come from the training file: a column with text cells is categorical, unless 95 % of its cells are numbers (then the text is an error).
/// </summary>
public sealed class EvaluateCommand : ICliCommand
{
    public string Name => "evaluate";

    public string Summary => EvaluateArguments.Usage + "   train on one CSV, report test metrics as JSON";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var arguments = EvaluateArguments.Parse(args);
        var trainer = EvaluateModels.Create(arguments, stderr);
        var label = new CsvLabelOptions(arguments.Label, arguments.PositiveLabel);

        CsvDataset train, test;
        try
        {
            train = CsvDatasetLoader.LoadTraining(arguments.TrainPath, label);
            test = CsvDatasetLoader.LoadMatching(arguments.TestPath, train.Features.Schema, label);
        }
        catch (CsvDataException e)
        {
            throw new CliUsageException(e.Message);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var stopwatch = Stopwatch.StartNew();
        IBinaryClassifier model;
        try
        {
            model = trainer.Fit(train.Features);
        }
        catch (ArgumentException e)
        {
            // The learners validate their input with ArgumentException; that is bad data here, not a crash.
            throw new CliUsageException($"the {arguments.Model} trainer cannot use this data: {e.Message.Split('\n')[0]}");
        }

        var trainSeconds = stopwatch.Elapsed.TotalSeconds;

        var probabilities = new float[test.Features.Rows];
        stopwatch.Restart();
        model.PredictProbabilities(test.Features, probabilities);
        var predictSeconds = stopwatch.Elapsed.TotalSeconds;

        var labels = test.Features.RequireLabels();
        var report = BinaryClassificationReport.Compute(labels, probabilities, threshold: 0.5);

        var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", arguments.Model);
            writer.WriteNumber("train_rows", train.Features.Rows);
            writer.WriteNumber("test_rows", test.Features.Rows);
            writer.WriteNumber("features", train.Features.Columns);
            writer.WriteNumber("train_seconds", trainSeconds);
            writer.WriteNumber("predict_rows_per_second", test.Features.Rows / Math.Max(predictSeconds, 1e-9));
            writer.WriteNumber("auc", report.Auc);
            writer.WriteNumber("pr_auc", report.PrAuc);
            writer.WriteNumber("logloss", report.LogLoss);
            writer.WriteNumber("brier", report.Brier);
            writer.WriteNumber("accuracy", report.Accuracy);
            writer.WriteNumber("f1", report.F1);
            writer.WriteEndObject();
        }

        await stdout.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return 0;
    }
}
