using Burnout.Hosting.Postgres;
using Burnout.Hosting.Processes;
using Burnout.Testing;
using Npgsql;

namespace Burnout.Hosting.Tests;

/// <summary>Runs a real PostgreSQL from the local binaries, as the AppHost and other test projects do.</summary>
public sealed class LocalPostgresServerTests
{
    [Fact]
    public async Task Starts_creates_a_database_keeps_data_across_restarts_and_leaves_no_process()
    {
        using var temp = new TempDirectory();
        var options = new LocalPostgresOptions { DataDirectory = Path.Combine(temp.Path, "pg") };

        int firstPid;
        await using (var server = await LocalPostgresServer.StartAsync(options))
        {
            firstPid = server.ProcessId;
            Assert.True(server.Port > 0);
            await server.EnsureDatabaseAsync("burnoutdb");
            await server.EnsureDatabaseAsync("burnoutdb"); // a second call finds it and changes nothing

            await using var connection = new NpgsqlConnection(server.ConnectionString("burnoutdb"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('across runs')", connection);
            await command.ExecuteNonQueryAsync();
        }
        Assert.False(Posix.IsAlive(firstPid));

        await using (var server = await LocalPostgresServer.StartAsync(options))
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString("burnoutdb"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT v FROM kept", connection);
            Assert.Equal("across runs", await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Connection_string_points_at_loopback_and_the_requested_database()
    {
        using var temp = new TempDirectory();
        await using var server = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = Path.Combine(temp.Path, "pg") });

        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString("somedb"));

        Assert.Equal("127.0.0.1", builder.Host);
        Assert.Equal(server.Port, builder.Port);
        Assert.Equal("somedb", builder.Database);
    }

    [Fact]
    public async Task A_non_empty_folder_that_is_not_a_data_folder_is_refused()
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "pg");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "precious.txt"), "not a database");

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = folder }));
        Assert.True(File.Exists(Path.Combine(folder, "precious.txt")));
    }
}
