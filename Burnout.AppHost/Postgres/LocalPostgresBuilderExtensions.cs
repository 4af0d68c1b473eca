using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Burnout.AppHost.Postgres;

/// <summary><c>AddLocalPostgres</c> and its <c>AddDatabase</c>: PostgreSQL from local binaries as an Aspire resource.</summary>
public static class LocalPostgresBuilderExtensions
{
    /// <summary>Shown on the dashboard: which of the ways to get PostgreSQL was taken, and where the data is.</summary>
    public const string SourceProperty = "burnout.postgres.source";

    public const string DataProperty = "burnout.postgres.data";

    private const string DuplicateDatabase = "42P04";

    /// <param name="binFolder">Where initdb and postgres are (see <see cref="PostgresBinaries.Find"/>).</param>
    /// <param name="dataDirectory">Where the data should live; as root it may have to live elsewhere (see <see cref="PostgresDataDirectory.Locate"/>).</param>
    /// <param name="port">A fixed port, or null for a free one chosen at start-up.</param>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, string binFolder, string dataDirectory, int? port = null)
    {
        var data = PostgresDataDirectory.Locate(dataDirectory, PostgresAccount.ForThisProcess());
        var password = builder.AddParameter($"{name}-password", data.ReadOrCreatePassword(), secret: true);
        var (command, prefix) = data.Account.Launch(Path.Combine(binFolder, PostgresBinaries.Executable("postgres")));
        var server = new LocalPostgresServerResource(name, command, data, password.Resource);

        // The init step: initdb on first use, and a server left running by a killed run stopped, before DCP starts ours.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, cancellationToken) =>
        {
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            void Log(string line) => log.LogInformation("{Line}", line);
            if (data.RequestedPath is not null)
            {
                Log($"The data lives in {data.Path}, not {data.RequestedPath}: PostgreSQL runs as '{data.Account.User}', which cannot enter that folder.");
            }
            await data.InitialiseAsync(binFolder, await password.Resource.GetValueAsync(cancellationToken) ?? "", Log, cancellationToken);
            await data.StopLeftoverServerAsync(Log, cancellationToken);
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(server, s => s with
            {
                Properties = s.Properties.With(
                    new(SourceProperty, $"local binaries in {binFolder}" + (data.Account.SwitchesUser ? $", run as '{data.Account.User}'" : "")),
                    new(DataProperty, data.Path)),
            });
        });

        // Aspire carries a server's state over to its databases only for containers; for this executable, the
        // databases are declared running once they exist, and stopped with the server, so that WaitFor works on them.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in DatabasesOf(builder, server))
            {
                await CreateDatabaseAsync(connectionString + ";Database=postgres", database.DatabaseName, cancellationToken);
                await notifications.PublishUpdateAsync(database, s => s with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                    StopTimeStamp = null,
                });
            }
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server, async (@event, cancellationToken) =>
        {
            var notifications = @event.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in DatabasesOf(builder, server))
            {
                await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Exited, StopTimeStamp = DateTime.UtcNow });
            }
        });

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async cancellationToken =>
            await CanConnectAsync(await server.ConnectionStringExpression.GetValueAsync(cancellationToken) + ";Database=postgres", cancellationToken));

        return builder.AddResource(server)
            .WithArgs([.. prefix, "-D", data.Path, "-c", "listen_addresses=127.0.0.1",
                // TCP only: the distribution's socket folder (/var/run/postgresql) may not exist, or not be ours.
                "-c", "unix_socket_directories="])
            // postgres reads its port from PGPORT; not proxied, so connections go straight to the server.
            .WithEndpoint(name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp", port: port ?? FreePort(), env: "PGPORT", isProxied: false)
            .WithEnvironment("LC_MESSAGES", "C")
            .WithHealthCheck(healthCheckKey)
            .WithReferenceRelationship(password)
            .WithIconName("Database");
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, [ResourceName] string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);

        var healthCheckKey = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async cancellationToken =>
            await CanConnectAsync(await database.ConnectionStringExpression.GetValueAsync(cancellationToken), cancellationToken));

        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new ResourcePropertySnapshot(CustomResourceKnownProperties.Source, server.Resource.Name)],
            })
            .WithHealthCheck(healthCheckKey);
    }

    private static IEnumerable<LocalPostgresDatabaseResource> DatabasesOf(IDistributedApplicationBuilder builder, LocalPostgresServerResource server) =>
        builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(database => database.Parent == server);

    private static async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CanConnectAsync(string? connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=3");
            await connection.OpenAsync(cancellationToken);
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy(e.Message);
        }
    }

    private static async Task CreateDatabaseAsync(string maintenanceConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(maintenanceConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }
        try
        {
            // Identifiers cannot be parameters; quote it as PostgreSQL does.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Created by someone else between our check and our CREATE: the outcome we wanted.
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
