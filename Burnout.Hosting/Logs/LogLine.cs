namespace Burnout.Hosting.Logs;

/// <summary>One console line. Sequence numbers only grow, so a reader resumes with "after N".</summary>
public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, string Text, bool IsError);
