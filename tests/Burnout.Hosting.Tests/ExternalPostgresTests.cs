using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Orchestration;
using Burnout.Hosting.Postgres;
using Burnout.Testing;
using Microsoft.Extensions.Configuration;

namespace Burnout.Hosting.Tests;

/// <summary>ConnectionStrings:burnoutdb in configuration: used as it is, nothing started, database created if missing.</summary>
public sealed class ExternalPostgresTests
{
    [Fact]
    public async Task A_configured_connection_string_is_used_as_is_and_nothing_is_started()
    {
        using var temp = new TempDirectory();
        await using var existing = await LocalPostgresServer.StartAsync(new LocalPostgresOptions { DataDirectory = Path.Combine(temp.Path, "pg") });
        var configured = existing.ConnectionString("externaldb");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:externaldb"] = configured })
            .Build();
        var options = new HostingOptions { DataDirectory = Path.Combine(temp.Path, "never-used") };

        var server = new PostgresServerResource("postgres");
        var database = new PostgresDatabaseResource("externaldb", "externaldb", server);
        server.AddDatabase(database);
        var serverRuntime = new ResourceRuntime(server, [], 100);
        var databaseRuntime = new ResourceRuntime(database, [], 100);
        var serverLauncher = new PostgresLauncher(server, serverRuntime, configuration, options, port: 1);
        var databaseLauncher = new PostgresDatabaseLauncher(database, databaseRuntime, serverRuntime, serverLauncher);

        await serverLauncher.PrepareAsync(CancellationToken.None);
        var serverInstance = await serverLauncher.LaunchAsync(CancellationToken.None);
        serverRuntime.SetRunning(serverInstance.ProcessId);
        var databaseInstance = await databaseLauncher.LaunchAsync(CancellationToken.None);

        Assert.Null(serverInstance.ProcessId);
        Assert.Null(databaseInstance.ProcessId);
        Assert.Equal(configured, databaseRuntime.ConnectionString);
        Assert.Equal(HealthStatus.Healthy, await databaseLauncher.CheckHealthAsync(CancellationToken.None)); // created, as it was missing
        Assert.Equal(HealthStatus.Healthy, await serverLauncher.CheckHealthAsync(CancellationToken.None));
        Assert.False(Directory.Exists(options.DataDirectory));
    }
}
