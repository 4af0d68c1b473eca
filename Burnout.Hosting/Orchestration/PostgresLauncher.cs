using System.Security.Cryptography;
using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// Provides the PostgreSQL server, choosing in this order: a connection string from configuration (used
/// as it is; nothing is started), local binaries (embedded server, data kept in the data folder), a
/// container runtime that answers (the official image, data in a named volume). With none of these the
/// AppHost cannot do anything useful, so <see cref="PrepareAsync"/> stops it with install instructions.
/// </summary>
internal sealed class PostgresLauncher(
    PostgresServerResource server,
    ResourceRuntime runtime,
    IConfiguration configuration,
    HostingOptions options,
    int port) : IResourceLauncher
{
    private const string ContainerImage = "docker.io/library/postgres:17";

    private Mode _mode;
    private string? _externalServerConnectionString;
    private string? _containerRuntime;

    private enum Mode { External, Local, Container }

    public int Port => port;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var configured = configuration.GetConnectionString(server.Name)
            ?? server.Databases.Select(d => configuration.GetConnectionString(d.ConnectionStringName)).FirstOrDefault(cs => !string.IsNullOrEmpty(cs));
        if (!string.IsNullOrEmpty(configured))
        {
            _mode = Mode.External;
            _externalServerConnectionString = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
            var builder = new NpgsqlConnectionStringBuilder(configured);
            runtime.SetEndpoints([new ResourceEndpoint("tcp", $"tcp://{builder.Host}:{builder.Port}", false)]);
            runtime.Logs.Add("[apphost] using the server from configuration (ConnectionStrings); nothing is started.");
            return;
        }
        if (PostgresBinaries.Find() is { } bin)
        {
            _mode = Mode.Local;
            runtime.Logs.Add($"[apphost] embedded PostgreSQL from {bin}, data in {DataDirectory}");
            return;
        }
        if (await ContainerRuntime.FindAsync().ConfigureAwait(false) is { } containerRuntime)
        {
            _mode = Mode.Container;
            _containerRuntime = containerRuntime;
            runtime.Logs.Add($"[apphost] no local PostgreSQL; running {ContainerImage} with {Path.GetFileName(containerRuntime)}");
            return;
        }
        throw new PostgresNotInstalledException(PostgresBinaries.InstallHint + " No container runtime (docker, podman) answered either.");
    }

    private string DataDirectory => Path.Combine(options.DataDirectory, server.Name);

    /// <summary>How a database on this server is reached: a configured string as it is, otherwise the server's with the database swapped in.</summary>
    public string ConnectionStringFor(PostgresDatabaseResource database)
    {
        if (_mode == Mode.External && configuration.GetConnectionString(database.ConnectionStringName) is { Length: > 0 } configured)
        {
            return configured;
        }
        var serverConnectionString = runtime.ConnectionString
            ?? throw new InvalidOperationException($"{server} has not started yet.");
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database.DatabaseName }.ConnectionString;
    }

    public async Task<IRunningInstance> LaunchAsync(CancellationToken cancellationToken)
    {
        switch (_mode)
        {
            case Mode.External:
                runtime.SetConnectionString(_externalServerConnectionString!);
                return new ExternalInstance();

            case Mode.Local:
                var local = await LocalPostgresServer.StartAsync(new LocalPostgresOptions
                {
                    DataDirectory = DataDirectory,
                    Port = port,
                    Log = line => runtime.Logs.Add(line),
                }, cancellationToken).ConfigureAwait(false);
                runtime.SetEndpoints([new ResourceEndpoint("tcp", $"tcp://127.0.0.1:{local.Port}", false)]);
                runtime.SetConnectionString(local.ConnectionString("postgres"));
                return new LocalServerInstance(local);

            default:
                return await LaunchContainerAsync().ConfigureAwait(false);
        }
    }

    public async Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (runtime.ConnectionString is not { } connectionString)
        {
            return HealthStatus.Unknown;
        }
        return await CanConnectAsync(connectionString, cancellationToken).ConfigureAwait(false)
            ? HealthStatus.Healthy
            : HealthStatus.Unhealthy;
    }

    /// <summary>PostgreSQL health is simply: can we open a connection and run a query.</summary>
    internal static async Task<bool> CanConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(probe);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<IRunningInstance> LaunchContainerAsync()
    {
        // The volume keeps the password it was created with, so the password is kept too.
        Directory.CreateDirectory(options.DataDirectory);
        var passwordFile = Path.Combine(options.DataDirectory, $"{server.Name}-container.password");
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant()).ConfigureAwait(false);
        }
        var password = (await File.ReadAllTextAsync(passwordFile).ConfigureAwait(false)).Trim();

        var containerName = ContainerRuntime.ContainerName(server.Name, options.DataDirectory);
        var process = await ContainerRuntime.RunAsync(_containerRuntime!, containerName,
        [
            "-e", $"POSTGRES_PASSWORD={password}",
            "-p", $"127.0.0.1:{port}:5432",
            "-v", $"{containerName}-data:/var/lib/postgresql/data",
            ContainerImage,
        ], (line, isError) => runtime.Logs.Add(line, isError)).ConfigureAwait(false);

        runtime.SetEndpoints([new ResourceEndpoint("tcp", $"tcp://127.0.0.1:{port}", false)]);
        runtime.SetConnectionString(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = "postgres",
        }.ConnectionString);
        return new ProcessInstance(process, TimeSpan.FromSeconds(15), () => ContainerRuntime.StopAsync(_containerRuntime!, containerName));
    }

    private sealed class LocalServerInstance(LocalPostgresServer server) : IRunningInstance
    {
        public int? ProcessId => server.ProcessId;

        public Task<int> Exited => server.Exited;

        public Task StopAsync() => server.DisposeAsync().AsTask();
    }
}
