namespace Burnout.Hosting.ApplicationModel;

/// <summary>A database on a <see cref="PostgresServerResource"/>, created when missing.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString
{
    public override string Kind => "PostgresDatabase";

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    public override IResource? Parent => Server;

    public string ConnectionStringName => Name;
}
