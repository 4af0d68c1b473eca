using Microsoft.Extensions.Configuration;

namespace Burnout.AppHost.Postgres;

/// <summary>
/// Chooses, once at start-up, where the database comes from: a connection string in configuration (nothing
/// started); Aspire's PostgreSQL container where a container runtime answers; else PostgreSQL's binaries on
/// this machine. With none of them the AppHost stops and says how to install PostgreSQL.
/// </summary>
public static class PostgresChoiceExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresDatabase(
        this IDistributedApplicationBuilder builder, [ResourceName] string serverName, [ResourceName] string databaseName)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(databaseName)))
        {
            builder.LogAtStart($"PostgreSQL: the server in ConnectionStrings:{databaseName}; nothing is started.");
            return builder.AddConnectionString(databaseName);
        }

        if (ContainerRuntime.Answering is { } runtime)
        {
            builder.LogAtStart($"PostgreSQL: Aspire's postgres container, through {runtime}.");
            return builder.AddPostgres(serverName).WithDataVolume().AddDatabase(databaseName);
        }

        if (PostgresBinaries.Find() is { } binFolder)
        {
            var port = builder.Configuration.GetValue<int?>($"Burnout:Ports:{serverName}") is > 0 and var fixedPort ? fixedPort : (int?)null;
            var server = builder.AddLocalPostgres(serverName, binFolder, BurnoutDataDirectory.Get(builder, serverName), port);
            var data = server.Resource.Data;
            builder.LogAtStart($"PostgreSQL: local binaries in {binFolder}, data in {data.Path}" +
                (data.Account.SwitchesUser ? $", run as '{data.Account.User}'." : "."));
            return server.AddDatabase(databaseName);
        }

        throw StartupFailure.Exit(
            "no PostgreSQL: ConnectionStrings:burnoutdb is not set, no container runtime (docker, podman) answers, and " +
            PostgresBinaries.InstallHint[0..1].ToLowerInvariant() + PostgresBinaries.InstallHint[1..]);
    }
}
