using Burnout.Data.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Burnout.Data;

public static class BurnoutDatabaseExtensions
{
    /// <summary>The name of the database resource, as the AppHost declares it.</summary>
    public const string ConnectionName = "burnoutdb";

    /// <summary>
    /// Registers the Burnout database through Aspire's client integrations: an <see cref="NpgsqlDataSource"/> for the
    /// COPY paths (<c>AddNpgsqlDataSource</c>) and the pooled EF Core context (<c>AddNpgsqlDbContext</c>), both from
    /// <c>ConnectionStrings:burnoutdb</c>, with their health checks, retries and telemetry; then the schema migration
    /// that runs before the service starts.
    /// </summary>
    public static IHostApplicationBuilder AddBurnoutDatabase(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName)))
        {
            throw new InvalidOperationException(
                $"No connection string '{ConnectionName}'. Start the stack with 'dotnet run --project Burnout.AppHost', " +
                $"or set ConnectionStrings__{ConnectionName}.");
        }

        builder.AddNpgsqlDataSource(ConnectionName);
        builder.AddNpgsqlDbContext<BurnoutDbContext>(ConnectionName);

        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHostedService<SchemaMigrationService>();

        return builder;
    }
}
