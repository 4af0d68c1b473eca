using System.Globalization;
using Burnout.Features.Oulad;
using Burnout.Trainer.Datasets.Oulad;

namespace Burnout.Trainer.Cli;

/// <summary>
/// <c>import-oulad [--source DIR] [--connection CS]</c>: imports OULAD into the database and prints what was read,
/// with each course run's click coverage (truncated runs are reported and left out of the activity).
/// </summary>
public sealed class ImportOuladCommand : ICliCommand
{
    public string Name => "import-oulad";

    public string Summary => "[--source DIR] [--connection CS]   import OULAD (default source ../shared/data/oulad)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliOptions.Parse(args, ["--source", "--connection"], $"import-oulad {Summary}");
        var source = options.GetValueOrDefault("--source", Path.Combine("..", "shared", "data", "oulad"));
        var connection = options.GetValueOrDefault("--connection");

        if (!Directory.Exists(source))
        {
            throw new CliUsageException($"--source '{source}' is not a folder.");
        }

        await using var dataSource = await CliDatabase.OpenAsync(connection, cancellationToken);
        OuladImportReport report;
        try
        {
            report = await new OuladImporter(dataSource).ImportAsync(source, line => stderr.WriteLine(line), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new CliUsageException(e.Message);
        }

        foreach (var table in report.Tables)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{table.Table,-28} {table.Rows,10:N0} rows  sha256 {table.Sha256[..12]}…{(table.Partial ? "  (partial: a published prefix)" : string.Empty)}"));
        }

        foreach (var run in report.Presentations.Where(p => p.Status != CoverageStatus.Absent))
        {
            stdout.WriteLine($"{run.Module} {run.Presentation}: {run.Status.ToString().ToLowerInvariant()} — {run.Reason}");
        }

        var absent = report.Presentations.Count(p => p.Status == CoverageStatus.Absent);
        if (absent > 0)
        {
            stdout.WriteLine($"{absent} course runs have no clicks in this click log; their students and outcomes are imported without activity");
        }

        var m = report.Mapped;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mapped {m.Students:N0} students, {m.Outcomes:N0} outcomes, {m.Assessments:N0} assessments, {m.ActivityRows:N0} daily activity rows from {m.PresentationsWithActivity} complete runs"));
        return 0;
    }
}
