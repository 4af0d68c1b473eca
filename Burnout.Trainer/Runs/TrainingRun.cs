using System.Text.Json;

namespace Burnout.Trainer.Runs;

public static class TrainingRunStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>A training run as the API shows it. <see cref="Progress"/> is a percentage; <see cref="MlflowRunId"/> is null until MLflow has the run.</summary>
public sealed record TrainingRun(
    long RunId,
    string Problem,
    long? SnapshotId,
    IReadOnlyList<string> Candidates,
    string Reason,
    string State,
    double Progress,
    IReadOnlyList<string> Log,
    JsonElement? Metrics,
    JsonElement? Comparison,
    int? ModelVersion,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? MlflowRunId);

/// <summary>What the runner needs to execute a claimed run.</summary>
public sealed record ClaimedRun(long RunId, string Problem, long? SnapshotId, JsonElement? Definition, IReadOnlyList<string> Candidates);
