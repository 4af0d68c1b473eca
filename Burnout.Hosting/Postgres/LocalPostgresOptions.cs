namespace Burnout.Hosting.Postgres;

/// <summary>Where an embedded PostgreSQL keeps its data and where it listens.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>Created and initialised (initdb) when missing or empty; reused as it is otherwise.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Receives the server's console output and our own progress notes, one line at a time.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How long to wait for the server to accept connections. Generous: first start runs initdb.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
