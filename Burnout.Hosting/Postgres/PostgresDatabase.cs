using Npgsql;

namespace Burnout.Hosting.Postgres;

/// <summary>Database-level chores shared by the embedded server and the container/external cases.</summary>
public static class PostgresDatabase
{
    private const string DuplicateDatabase = "42P04";

    /// <summary>CREATE DATABASE unless it exists, through a connection to a maintenance database.</summary>
    public static async Task EnsureExistsAsync(string maintenanceConnectionString, string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(maintenanceConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);

        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        // Identifiers cannot be parameters; quote it as PostgreSQL does.
        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Someone else created it between our check and our CREATE: the outcome we wanted.
        }
    }
}
