using Burnout.Testing;
using Burnout.Trainer.Cli;
using Npgsql;

namespace Burnout.Trainer.Tests.Datasets;

public sealed class UciImportTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "uci", "data.csv");

    [Fact]
    public async Task The_published_file_arrives_with_its_targets_and_clean_column_names()
    {
        var connection = await postgres.CreateDatabaseAsync("uci");

        var (code, stdout, stderr) = await RunAsync("import-uci", "--source", Fixture, "--connection", connection);

        Assert.True(code == 0, stderr);
        Assert.Equal("imported 30 students with 36 features: Dropout 6, Enrolled 6, Graduate 18", stdout.Trim());
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*), bool_and(features ? 'daytime_evening_attendance'), bool_and(features ? 'curricular_units_1st_sem_grade') FROM uci.students");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((30L, true, true), (reader.GetInt64(0), reader.GetBoolean(1), reader.GetBoolean(2)));
    }

    [Fact]
    public async Task An_unknown_target_is_one_line_and_exit_2_and_the_previous_import_stays()
    {
        var connection = await postgres.CreateDatabaseAsync("uci_bad");
        Assert.Equal(0, (await RunAsync("import-uci", "--source", Fixture, "--connection", connection)).Code);
        var bad = Path.Combine(Path.GetTempPath(), $"uci-bad-{Guid.NewGuid():N}.csv");
        var lines = await File.ReadAllLinesAsync(Fixture);
        lines[3] = lines[3][..lines[3].LastIndexOf(';')] + ";Expelled";
        await File.WriteAllLinesAsync(bad, lines);
        try
        {
            var (code, _, stderr) = await RunAsync("import-uci", "--source", bad, "--connection", connection);

            Assert.Equal(TrainerCommandLine.UsageError, code);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("line 4", line);
            Assert.Contains("Expelled", line);
            await using var dataSource = NpgsqlDataSource.Create(connection);
            await using var count = dataSource.CreateCommand("SELECT count(*) FROM uci.students");
            Assert.Equal(30L, await count.ExecuteScalarAsync());
        }
        finally
        {
            File.Delete(bad);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await TrainerCommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
