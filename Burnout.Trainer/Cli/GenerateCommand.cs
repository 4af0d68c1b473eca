using System.Diagnostics;
using System.Globalization;
using System.Text;
using Burnout.Data.Bulk;
using Burnout.Features.Simulation;

namespace Burnout.Trainer.Cli;

/// <summary>
/// <c>generate --students N --days D --seed S [--scenario NAME] (--out DIR | --database [--connection CS])</c>:
/// a synthetic cohort as students.csv, daily_activity.csv and outcomes.csv in DIR, or straight into the database
/// (one transaction, replacing an earlier copy of the same cohorts). Same arguments, same rows.
/// </summary>
public sealed class GenerateCommand : ICliCommand
{
    public string Name => "generate";

    public string Summary =>
        "--students N --days D --seed S [--scenario " + string.Join("|", DriftScenarios.All) + "] (--out DIR | --database [--connection CS])   synthetic cohort";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var parsed = Parse(args);

        var stopwatch = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var progress = new SynchronousProgress(p =>
        {
            if (stopwatch.Elapsed - lastReport >= TimeSpan.FromSeconds(2) || p.StudentsWritten == p.TotalStudents)
            {
                lastReport = stopwatch.Elapsed;
                stderr.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"generate: {p.StudentsWritten:N0}/{p.TotalStudents:N0} students, {p.RowsWritten:N0} rows, {stopwatch.Elapsed.TotalSeconds:F1} s"));
            }
        });

        SimulationSummary summary;
        string destination;
        if (parsed.OutDirectory is { } outDirectory)
        {
            Directory.CreateDirectory(outDirectory);
            await using var students = OpenCsv(outDirectory, "students.csv");
            await using var activity = OpenCsv(outDirectory, "daily_activity.csv");
            await using var outcomes = OpenCsv(outDirectory, "outcomes.csv");
            summary = await new CohortSimulator(parsed.Options).RunAsync(new CsvActivitySink(students, activity, outcomes), progress, cancellationToken);
            destination = Path.GetFullPath(outDirectory);
        }
        else
        {
            await using var dataSource = await CliDatabase.OpenAsync(parsed.Connection, cancellationToken);
            await using var sink = await PostgresActivitySink.OpenAsync(dataSource, "simulator", cancellationToken);
            summary = await new CohortSimulator(parsed.Options).RunAsync(sink, progress, cancellationToken);
            destination = "the database";
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"generated {summary.Students} students, {summary.ActivityRows} daily rows ({summary.ActivityRows / Math.Max(seconds, 1e-9):F0} rows/s), burnout prevalence {summary.BurnoutPrevalence:P1}, {summary.WithdrawnStudents} withdrawn, scenario {parsed.Options.Scenario.Name()}, in {destination}"));
        return 0;
    }

    internal static (SimulationOptions Options, string? OutDirectory, string? Connection) Parse(IReadOnlyList<string> args)
    {
        int? students = null, days = null;
        long? seed = null;
        var scenario = DriftScenario.None;
        string? outDirectory = null, connection = null;
        var database = false;

        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new CliUsageException($"{option} needs a value.");
            switch (option)
            {
                case "--students":
                    students = PositiveInt(option, Value());
                    break;
                case "--days":
                    days = PositiveInt(option, Value());
                    break;
                case "--seed":
                    var text = Value();
                    seed = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
                        ? s
                        : throw new CliUsageException($"--seed must be a whole number, got '{text}'.");
                    break;
                case "--scenario":
                    var name = Value();
                    if (!DriftScenarios.TryParse(name, out scenario))
                    {
                        throw new CliUsageException($"--scenario must be one of {string.Join(", ", DriftScenarios.All)}, got '{name}'.");
                    }

                    break;
                case "--out":
                    outDirectory = Value();
                    break;
                case "--database":
                    database = true;
                    break;
                case "--connection":
                    connection = Value();
                    database = true;
                    break;
                default:
                    throw new CliUsageException($"unknown option '{option}'. Usage: generate --students N --days D --seed S [--scenario NAME] (--out DIR | --database [--connection CS])");
            }
        }

        if (students is null || days is null || seed is null)
        {
            throw new CliUsageException("--students, --days and --seed are required.");
        }

        if (database == !string.IsNullOrWhiteSpace(outDirectory))
        {
            throw new CliUsageException("give either --out DIR (CSV files) or --database [--connection CS] (PostgreSQL), not both or neither.");
        }

        return (new SimulationOptions(students.Value, days.Value, seed.Value, scenario), database ? null : outDirectory, connection);
    }

    private static int PositiveInt(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new CliUsageException($"{option} must be a positive whole number, got '{text}'.");

    private static StreamWriter OpenCsv(string directory, string fileName) =>
        new(new FileStream(Path.Combine(directory, fileName), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            1 << 16);

    /// <summary>Reports on the caller's thread, unlike <see cref="Progress{T}"/>, so lines appear in order.</summary>
    private sealed class SynchronousProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
