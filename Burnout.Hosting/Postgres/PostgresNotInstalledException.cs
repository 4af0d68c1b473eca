namespace Burnout.Hosting.Postgres;

/// <summary>No local PostgreSQL binaries: the message says how to install them.</summary>
public sealed class PostgresNotInstalledException(string message) : Exception(message);
