using Burnout.Hosting.ApplicationModel;

namespace Burnout.Hosting;

/// <summary><c>AddPostgres</c> and <c>AddDatabase</c>, as in Aspire.Hosting.PostgreSQL.</summary>
public static class PostgresBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name));

    /// <summary>A database on the server, created when missing; <paramref name="databaseName"/> defaults to the resource name.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.AddDatabase(database);
        return server.ApplicationBuilder.AddResource(database);
    }
}
