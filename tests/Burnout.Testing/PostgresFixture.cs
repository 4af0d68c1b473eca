using Npgsql;

namespace Burnout.Testing;

/// <summary>
/// A real PostgreSQL server for a test assembly, placed and initialised as the AppHost does it (local binaries,
/// 127.0.0.1, a free port) in a temporary data folder that is deleted afterwards. Each test class asks for
/// its own database, so classes never see each other's rows.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "burnout-tests-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync(_dataDirectory);
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await Server.CreateDatabaseAsync(name);
        return Server.ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run over it would not be.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
