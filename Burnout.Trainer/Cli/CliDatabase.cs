using Burnout.Data;
using Burnout.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Burnout.Trainer.Cli;

/// <summary>
/// The database an offline command writes to: <c>--connection</c>, else <c>ConnectionStrings__burnoutdb</c> as the
/// services get it from the AppHost. The schema is brought up to date first, exactly as a service does at start-up.
/// </summary>
internal static class CliDatabase
{
    public const string EnvironmentVariable = "ConnectionStrings__" + BurnoutDatabaseExtensions.ConnectionName;

    public static async Task<NpgsqlDataSource> OpenAsync(string? connectionOption, CancellationToken cancellationToken)
    {
        var connectionString = connectionOption ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new CliUsageException(
                $"no database: pass --connection \"Host=...;Database=burnoutdb;...\" or set {EnvironmentVariable} (the dashboard's postgres resource shows it).");
        }

        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"--connection is not a valid PostgreSQL connection string: {e.Message}");
        }

        try
        {
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(SchemaMigration.LoadEmbedded(), cancellationToken);
        }
        catch (NpgsqlException e)
        {
            await dataSource.DisposeAsync();
            throw new CliUsageException($"cannot reach the database: {e.Message}");
        }

        return dataSource;
    }
}
