using Burnout.Testing;
using Burnout.Trainer.Datasets.Oulad;
using Npgsql;

namespace Burnout.Trainer.Tests.Datasets;

public sealed class OuladImportTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "oulad");

    private async Task<(NpgsqlDataSource DataSource, OuladImportReport Report, List<string> Progress)> ImportFixtureAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("oulad");
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new Burnout.Data.Migrations.SchemaMigrator(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<Burnout.Data.Migrations.SchemaMigrator>.Instance)
            .MigrateAsync(Burnout.Data.Migrations.SchemaMigration.LoadEmbedded(), CancellationToken.None);
        var progress = new List<string>();
        var report = await new OuladImporter(dataSource).ImportAsync(FixtureDirectory, progress.Add, CancellationToken.None);
        return (dataSource, report, progress);
    }

    [Fact]
    public async Task Every_table_arrives_with_the_row_count_of_its_file()
    {
        var (dataSource, report, _) = await ImportFixtureAsync();
        await using var _ = dataSource;

        var expected = new Dictionary<string, long>
        {
            ["oulad.courses"] = 2, ["oulad.assessments"] = 18, ["oulad.vle"] = 163, ["oulad.student_info"] = 10,
            ["oulad.student_registration"] = 10, ["oulad.student_assessment"] = 75, ["oulad.student_vle"] = 4726,
        };
        Assert.Equal(expected, report.Tables.ToDictionary(t => t.Table, t => t.Rows));
        foreach (var (table, rows) in expected)
        {
            Assert.Equal(rows, await CountAsync(dataSource, $"SELECT count(*) FROM {table}"));
        }

        Assert.True(report.Tables.Single(t => t.Table == "oulad.student_vle").Partial);
    }

    [Fact]
    public async Task The_truncated_run_is_reported_and_left_out_of_the_activity()
    {
        var (dataSource, report, progress) = await ImportFixtureAsync();
        await using var _ = dataSource;

        var truncated = Assert.Single(report.Truncated);
        Assert.Equal(("BBB", "2013J", 133), (truncated.Module, truncated.Presentation, truncated.LastClickDay));
        Assert.Contains(progress, line => line.Contains("BBB 2013J is truncated", StringComparison.Ordinal));
        Assert.Equal(1, await CountAsync(dataSource, "SELECT count(*) FROM oulad.truncated_presentations WHERE code_module = 'BBB'"));

        Assert.Equal(0, await CountAsync(dataSource, "SELECT count(*) FROM daily_activity WHERE student_id LIKE 'BBB-2013J-%'"));
        Assert.True(await CountAsync(dataSource, "SELECT count(*) FROM daily_activity WHERE student_id LIKE 'AAA-2013J-%'") > 0);
        // Students and outcomes of the truncated run are still imported: only their activity is incomplete.
        Assert.Equal(5, await CountAsync(dataSource, "SELECT count(*) FROM students WHERE cohort = 'BBB-2013J'"));
    }

    [Fact]
    public async Task Clicks_add_up_to_the_daily_activity_and_results_to_outcomes()
    {
        var (dataSource, _, _) = await ImportFixtureAsync();
        await using var _ = dataSource;

        Assert.Equal(
            await CountAsync(dataSource, "SELECT sum(sum_click) FROM oulad.student_vle WHERE code_module = 'AAA'"),
            await CountAsync(dataSource, "SELECT sum(clicks) FROM daily_activity"));
        Assert.Equal(
            await CountAsync(dataSource, "SELECT count(*) FROM oulad.student_info WHERE final_result = 'Withdrawn'"),
            await CountAsync(dataSource, "SELECT count(*) FROM outcomes WHERE final_result = 'Withdrawn'"));
        Assert.Equal(
            await CountAsync(dataSource, "SELECT count(*) FROM oulad.student_registration WHERE date_unregistration IS NOT NULL"),
            await CountAsync(dataSource, "SELECT count(*) FROM outcomes WHERE withdrawal_date IS NOT NULL"));
    }

    [Fact]
    public async Task Importing_twice_gives_the_same_tables()
    {
        var (dataSource, _, _) = await ImportFixtureAsync();
        await using var _ = dataSource;
        var first = await CountAsync(dataSource, "SELECT count(*) FROM daily_activity") + await CountAsync(dataSource, "SELECT count(*) FROM students");

        await new OuladImporter(dataSource).ImportAsync(FixtureDirectory, _ => { }, CancellationToken.None);

        Assert.Equal(first, await CountAsync(dataSource, "SELECT count(*) FROM daily_activity") + await CountAsync(dataSource, "SELECT count(*) FROM students"));
        Assert.Equal(4726, await CountAsync(dataSource, "SELECT count(*) FROM oulad.student_vle"));
    }

    [Fact]
    public async Task A_missing_file_is_named_and_nothing_is_imported()
    {
        var connectionString = await postgres.CreateDatabaseAsync("oulad_missing");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var empty = Directory.CreateTempSubdirectory("oulad-empty");
        try
        {
            var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
                new OuladImporter(dataSource).ImportAsync(empty.FullName, _ => { }, CancellationToken.None));
            Assert.Contains("courses.csv.gz", error.Message);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
