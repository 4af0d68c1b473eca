using Burnout.Data.Bulk;
using Burnout.Data.Migrations;
using Burnout.Features.Simulation;
using Burnout.Testing;
using Burnout.Trainer.Datasets.Snapshots;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Burnout.Trainer.Tests.Datasets;

public sealed class DatasetSnapshotStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly SimulationOptions Cohort = new(Students: 60, Days: 120, Seed: 11) { MaxDegreeOfParallelism = 1 };

    private static SnapshotRequest Request => new("sim-11", Cohort: null, Cohort.StartDate.AddDays(30), Cohort.StartDate.AddDays(90));

    private async Task<NpgsqlDataSource> CohortDatabaseAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("snapshots"));
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(SchemaMigration.LoadEmbedded(), CancellationToken.None);
        await using var sink = await PostgresActivitySink.OpenAsync(dataSource, "simulator", CancellationToken.None);
        await new CohortSimulator(Cohort).RunAsync(sink);
        return dataSource;
    }

    [Fact]
    public async Task The_same_definition_over_the_same_data_is_the_same_snapshot()
    {
        await using var dataSource = await CohortDatabaseAsync();
        var store = new DatasetSnapshotStore(dataSource, TimeProvider.System);

        var first = await store.MaterializeAsync(Request, CancellationToken.None);
        var second = await store.MaterializeAsync(Request, CancellationToken.None);

        Assert.False(first.Existing);
        Assert.True(second.Existing);
        Assert.Equal(first.SnapshotId, second.SnapshotId);
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", first.ContentHash);
        Assert.True(first.RowCount > 0);
        Assert.True(first.PositiveCount > 0 && first.PositiveCount < first.RowCount);
        Assert.Equal(first.RowCount, await CountAsync(dataSource, $"SELECT count(*) FROM dataset_snapshot_rows WHERE snapshot_id = {first.SnapshotId}"));
    }

    [Fact]
    public async Task One_changed_activity_value_gives_a_new_hash()
    {
        await using var dataSource = await CohortDatabaseAsync();
        var store = new DatasetSnapshotStore(dataSource, TimeProvider.System);
        var before = await store.MaterializeAsync(Request, CancellationToken.None);

        var day = Request.From.AddDays(3);
        await using (var update = dataSource.CreateCommand("""
            UPDATE daily_activity SET logins = logins + 5
            WHERE (student_id, day) = (SELECT student_id, day FROM daily_activity WHERE day = @day ORDER BY student_id LIMIT 1)
            """))
        {
            update.Parameters.AddWithValue("day", day);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var after = await store.MaterializeAsync(Request, CancellationToken.None);

        Assert.False(after.Existing);
        Assert.NotEqual(before.ContentHash, after.ContentHash);
        Assert.Equal(before.RowCount, after.RowCount);
    }

    [Fact]
    public async Task The_exported_csv_has_a_header_and_one_line_per_row_and_the_report_is_kept()
    {
        await using var dataSource = await CohortDatabaseAsync();
        var store = new DatasetSnapshotStore(dataSource, TimeProvider.System);
        var snapshot = await store.MaterializeAsync(Request, CancellationToken.None);

        var csv = new StringWriter();
        await store.ExportCsvAsync(snapshot, csv, CancellationToken.None);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("student_id,day," + string.Join(',', snapshot.FeatureNames) + ",label", lines[0]);
        Assert.Equal(snapshot.RowCount, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Equal(snapshot.FeatureNames.Count + 3, line.Split(',').Length));
        Assert.Equal(0, snapshot.Validation.GetProperty("duplicate_keys").GetInt64());
        Assert.True(snapshot.Validation.GetProperty("rows").GetInt64() >= snapshot.RowCount);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
