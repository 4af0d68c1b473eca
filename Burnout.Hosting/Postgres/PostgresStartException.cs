namespace Burnout.Hosting.Postgres;

/// <summary>initdb or the server failed to start; the message carries the server's last log lines.</summary>
public sealed class PostgresStartException(string message) : Exception(message);
