using Burnout.Trainer.Datasets.Uci;

namespace Burnout.Trainer.Cli;

/// <summary><c>import-uci [--source FILE] [--connection CS]</c>: imports the UCI dropout data set into <c>uci.students</c>.</summary>
public sealed class ImportUciCommand : ICliCommand
{
    public string Name => "import-uci";

    public string Summary => "[--source FILE] [--connection CS]   import UCI dropout (default ../shared/data/uci-dropout/data.csv)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = CliOptions.Parse(args, ["--source", "--connection"], $"import-uci {Summary}");
        var source = options.GetValueOrDefault("--source", Path.Combine("..", "shared", "data", "uci-dropout", "data.csv"));
        var connection = options.GetValueOrDefault("--connection");

        await using var dataSource = await CliDatabase.OpenAsync(connection, cancellationToken);
        try
        {
            var report = await new UciDropoutImporter(dataSource).ImportAsync(source, cancellationToken);
            stdout.WriteLine($"imported {report.Rows:N0} students with {report.Features} features: " +
                string.Join(", ", report.TargetCounts.Select(kv => $"{kv.Key} {kv.Value:N0}")));
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
