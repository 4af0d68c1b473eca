using Burnout.Data.Migrations;
using Microsoft.EntityFrameworkCore;
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
    /// Registers the Burnout database the way Aspire's Npgsql integration would: an <see cref="NpgsqlDataSource"/>
    /// from <c>ConnectionStrings:burnoutdb</c>, the EF Core context with retries, a readiness health check, and
    /// the schema migration that runs before the service starts.
    /// </summary>
    public static IHostApplicationBuilder AddBurnoutDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No connection string '{ConnectionName}'. Start the stack with 'dotnet run --project Burnout.AppHost', " +
                $"or set ConnectionStrings__{ConnectionName}.");
        }

        // One data source per service: it owns the connection pool that EF Core and the bulk paths share.
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddDbContext<BurnoutDbContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.EnableRetryOnFailure(3)));

        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHostedService<SchemaMigrationService>();

        builder.Services.AddHealthChecks().AddDbContextCheck<BurnoutDbContext>(
            ConnectionName,
            customTestQuery: (context, cancellationToken) => context.Database.CanConnectAsync(cancellationToken));

        return builder;
    }
}
