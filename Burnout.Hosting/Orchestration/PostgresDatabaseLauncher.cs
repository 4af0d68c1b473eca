using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Postgres;
using Npgsql;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// A database on the server: created when missing, then watched. Nothing runs for it, so it never exits;
/// its health follows whether it accepts connections (and so follows its server).
/// </summary>
internal sealed class PostgresDatabaseLauncher(PostgresDatabaseResource database, ResourceRuntime runtime, ResourceRuntime serverRuntime, PostgresLauncher server) : IResourceLauncher
{
    private const string InvalidCatalogName = "3D000";

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IRunningInstance> LaunchAsync(CancellationToken cancellationToken)
    {
        await serverRuntime.WaitUntilAsync(s => s.ConnectionString is not null, cancellationToken).ConfigureAwait(false);
        var connectionString = server.ConnectionStringFor(database);
        if (!await DatabaseExistsAsync(connectionString, cancellationToken).ConfigureAwait(false))
        {
            runtime.Logs.Add($"[apphost] creating database {database.DatabaseName}");
            await PostgresDatabase.EnsureExistsAsync(serverRuntime.ConnectionString!, database.DatabaseName, cancellationToken).ConfigureAwait(false);
        }
        runtime.SetConnectionString(connectionString);
        return new ExternalInstance();
    }

    public async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        runtime.ConnectionString is { } connectionString && await PostgresLauncher.CanConnectAsync(connectionString, cancellationToken).ConfigureAwait(false)
            ? HealthStatus.Healthy
            : HealthStatus.Unhealthy;

    private static async Task<bool> DatabaseExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == InvalidCatalogName)
        {
            return false;
        }
    }
}
