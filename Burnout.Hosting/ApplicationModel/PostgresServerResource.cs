namespace Burnout.Hosting.ApplicationModel;

/// <summary>
/// A PostgreSQL server: embedded from local binaries, a container, or an existing server named by a
/// connection string in configuration (see <see cref="Orchestration.PostgresLauncher"/>).
/// </summary>
public sealed class PostgresServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    private readonly List<PostgresDatabaseResource> _databases = [];

    public override string Kind => "Postgres";

    public string ConnectionStringName => Name;

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    internal void AddDatabase(PostgresDatabaseResource database) => _databases.Add(database);
}
