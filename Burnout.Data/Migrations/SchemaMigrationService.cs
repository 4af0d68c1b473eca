using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Burnout.Data.Migrations;

/// <summary>
/// Brings the schema up to date before the service starts listening. It runs in <see cref="StartAsync"/>
/// on purpose: a service must not answer requests against a schema it does not know.
/// PostgreSQL may still be starting when a service does, so connection failures are retried for a while.
/// </summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator, ILogger<SchemaMigrationService> logger) : IHostedService
{
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrations = SchemaMigration.LoadEmbedded();
        var deadline = DateTime.UtcNow + RetryFor;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await migrator.MigrateAsync(migrations, cancellationToken);
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Database not reachable yet ({Message}); retrying in {Delay} ms", e.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 4000));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
