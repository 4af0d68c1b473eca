using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Burnout.Features.Simulation;
using Burnout.Trainer.Training;

namespace Burnout.Trainer.Cli;

/// <summary>
/// <c>lead-time [--students N] [--days D] [--train-seed S] [--test-seed T]</c>: trains as a run does on one generated
/// cohort, then measures on another cohort, of a seed training never saw, how early the alerts come: the share of
/// students who burn out that are flagged on at least one day 14-28 days before onset, at the threshold that flags at
/// most 10 % of the student-days of students who never do. Prints one JSON object.
/// </summary>
public sealed class LeadTimeCommand : ICliCommand
{
    private const string Usage = "lead-time [--students N] [--days D] [--train-seed S] [--test-seed T]";

    public string Name => "lead-time";

    public string Summary => "[--students N] [--days D] [--train-seed S] [--test-seed T]   alert lead time on an unseen cohort";

    public Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliOptions.Parse(args, ["--students", "--days", "--train-seed", "--test-seed"], Usage);
        var students = Positive(options, "--students", 1200);
        var days = Positive(options, "--days", 180);
        var trainSeed = Seed(options, "--train-seed", 20261201);
        var testSeed = Seed(options, "--test-seed", 7);
        if (trainSeed == testSeed)
        {
            throw new CliUsageException("--test-seed must differ from --train-seed: the point is a cohort training never saw.");
        }

        var stopwatch = Stopwatch.StartNew();
        var train = SimulatedTrainingRows.Build(new SimulationOptions(students, days, trainSeed));
        var outcome = TrainingPipeline.Run(train, CandidateLearner.All, new TrainingOptions(),
            (progress, line) => stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lead-time: {progress,4:P0} {line}")), cancellationToken);

        var test = SimulatedTrainingRows.Build(new SimulationOptions(students, days, testSeed));
        var all = test.Where(_ => true);
        var probabilities = outcome.Model.Score(test.Matrix(all)).Select(s => (float)s.CalibratedProbability).ToArray();
        var leadTime = LeadTimeAnalysis.Compute(test.Students, test.Days, test.Labels, probabilities);

        stdout.WriteLine(JsonSerializer.Serialize(new
        {
            students,
            days,
            train_seed = trainSeed,
            test_seed = testSeed,
            learner = outcome.Best.Learner,
            held_out_lead_time = outcome.LeadTime.FlaggedInWindow,
            unseen_cohort = leadTime,
            seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1),
        }, SnapshotJsonForCli));
        return Task.FromResult(0);
    }

    private static readonly JsonSerializerOptions SnapshotJsonForCli = new(Runs.SnapshotJson.Options) { WriteIndented = true };

    private static int Positive(Dictionary<string, string> options, string name, int fallback) =>
        !options.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new CliUsageException($"{name} must be a positive whole number, got '{text}'.");

    private static long Seed(Dictionary<string, string> options, string name, long fallback) =>
        !options.TryGetValue(name, out var text) ? fallback
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new CliUsageException($"{name} must be a whole number, got '{text}'.");
}
