namespace Burnout.Hosting.Processes;

/// <summary>What to run, where, as whom, and how to ask it to stop.</summary>
internal sealed record ChildProcessSpec
{
    public required string FileName { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    /// <summary>Added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>When set (and we are root), the process drops to this user before it starts.</summary>
    public string? RunAsUser { get; init; }

    /// <summary>The signal that means "shut down cleanly": SIGTERM for .NET, SIGINT (fast shutdown) for PostgreSQL.</summary>
    public int StopSignal { get; init; } = Posix.SigTerm;

    /// <summary>Text written to standard input, which is then closed (initdb reads its password this way).</summary>
    public string? StandardInput { get; init; }
}
