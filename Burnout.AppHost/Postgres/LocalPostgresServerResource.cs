namespace Burnout.AppHost.Postgres;

/// <summary>
/// PostgreSQL run from the binaries installed on this machine, for machines without a container engine.
/// An executable resource like any other: DCP starts and stops it, and <c>WithReference</c> and <c>WaitFor</c>
/// work on it as on Aspire's container-based <c>PostgresServerResource</c>.
/// </summary>
public sealed class LocalPostgresServerResource : ExecutableResource, IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    internal LocalPostgresServerResource(string name, string command, PostgresDataDirectory data, ParameterResource password)
        : base(name, command, data.Path)
    {
        Data = data;
        PasswordParameter = password;
    }

    internal PostgresDataDirectory Data { get; }

    public ParameterResource PasswordParameter { get; }

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    // The server listens on 127.0.0.1 only, so the connection string names it rather than "localhost",
    // which may resolve to ::1 first.
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={PostgresDataDirectory.Superuser};Password={PasswordParameter}");
}
