using Burnout.Hosting.Orchestration;
using Burnout.Hosting.Postgres;
using Burnout.Testing;
using Npgsql;

namespace Burnout.AppHost.Tests;

/// <summary>Stopping the AppHost, and starting it again on the same data.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Sigterm_stops_everything_and_a_second_run_finds_the_same_data()
    {
        using var temp = new TempDirectory();
        var dataDirectory = Path.Combine(temp.Path, "data");
        var marker = Guid.NewGuid().ToString("N");

        await using (var first = await AppHostProcess.StartAsync(dataDirectory))
        {
            var resources = await first.WaitForAsync(StackChecks.EveryAvailableResourceHealthy, "every available resource to be healthy");
            await ExecuteAsync(ConnectionString(first, resources), $"CREATE TABLE apphost_test_marker (value text); INSERT INTO apphost_test_marker VALUES ('{marker}')");

            await AssertSigtermLeavesNothingAsync(first);
        }

        await using (var second = await AppHostProcess.StartAsync(dataDirectory))
        {
            var resources = await second.WaitForAsync(StackChecks.EveryAvailableResourceHealthy, "every available resource to be healthy, again");
            var kept = await ExecuteAsync(ConnectionString(second, resources), "SELECT value FROM apphost_test_marker");

            Assert.Equal(marker, kept);
            await AssertSigtermLeavesNothingAsync(second);
        }
    }

    private static async Task AssertSigtermLeavesNothingAsync(AppHostProcess host)
    {
        // Everything the AppHost started: its whole process tree, PostgreSQL's backends included.
        var started = ProcessTable.Tree(host.ProcessId);
        Assert.Contains(started, p => p.Command.Contains("postgres", StringComparison.Ordinal));
        Assert.Contains(started, p => p.Command.Contains("Burnout.Api.dll", StringComparison.Ordinal));

        var exitCode = await host.TerminateAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        // The AppHost returns only after its children are gone; allow the kernel a moment to tidy up.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (started.Any(ProcessTable.IsAlive) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.Empty(started.Where(ProcessTable.IsAlive).Select(p => $"{p.Pid} {p.Command}"));
    }

    /// <summary>The embedded server's superuser, with the password it keeps in its data folder.</summary>
    private static string ConnectionString(AppHostProcess host, IReadOnlyList<ResourceSnapshot> resources)
    {
        var endpoint = new Uri(resources.Get("postgres").Endpoints[0].Url);
        var password = File.ReadAllText(Path.Combine(host.DataDirectory, "postgres", LocalPostgresServer.PasswordFileName)).Trim();
        return new NpgsqlConnectionStringBuilder
        {
            Host = endpoint.Host,
            Port = endpoint.Port,
            Username = LocalPostgresServer.Superuser,
            Password = password,
            Database = "burnoutdb",
            Pooling = false,
        }.ConnectionString;
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
