using Burnout.Testing;
using Burnout.Trainer.Cli;
using Npgsql;

namespace Burnout.Trainer.Tests;

public sealed class GenerateCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Theory]
    [InlineData("--students", "-3", "--days", "10", "--seed", "1", "--out", "x", "--students")]
    [InlineData("--students", "5", "--days", "ten", "--seed", "1", "--out", "x", "--days")]
    [InlineData("--students", "5", "--days", "10", "--seed", "1", "--out", "x", "--database", "either --out")]
    [InlineData("--students", "5", "--days", "10", "--seed", "1", "--scenario", "meteor", "--out", "x", "--scenario")]
    public async Task Bad_options_give_exit_code_2_and_one_line_naming_the_option(params string[] argsAndExpected)
    {
        var args = argsAndExpected[..^1];
        var (code, stdout, stderr) = await RunAsync(["generate", .. args]);

        Assert.Equal(TrainerCommandLine.UsageError, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(argsAndExpected[^1], line);
    }

    [Fact]
    public async Task Generating_into_the_database_twice_with_the_same_seed_leaves_the_same_rows()
    {
        var connection = await postgres.CreateDatabaseAsync("generate");
        string[] args = ["generate", "--students", "40", "--days", "60", "--seed", "5", "--database", "--connection", connection];

        var first = await RunAsync(args);
        var afterFirst = await DumpAsync(connection);
        var second = await RunAsync(args);

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        Assert.Equal(40, afterFirst.Students);
        Assert.True(afterFirst.ActivityRows > 40 * 30, $"only {afterFirst.ActivityRows} activity rows");
        Assert.Equal(afterFirst, await DumpAsync(connection));
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await TrainerCommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Row counts plus an MD5 over every activity and outcome row in key order: equal only if the contents are.</summary>
    private static async Task<(long Students, long ActivityRows, string Digest)> DumpAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM students),
                   (SELECT count(*) FROM daily_activity),
                   (SELECT md5(string_agg(t::text, '|' ORDER BY t.student_id, t.day)) FROM
                       (SELECT student_id, day, logins, session_minutes, resources_accessed, forum_posts, clicks, assignments_due,
                               assignments_submitted, submission_delay_hours, late_night_share, weekend_share FROM daily_activity) t)
                   || (SELECT md5(string_agg(o::text, '|' ORDER BY o.student_id)) FROM
                       (SELECT student_id, burnout_onset, withdrawal_date, final_result FROM outcomes) o)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2));
    }
}
