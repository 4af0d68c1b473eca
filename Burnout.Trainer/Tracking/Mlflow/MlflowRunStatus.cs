using System.Text.Json.Serialization;

namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>MLflow's <c>RunStatus</c>, written on the wire by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MlflowRunStatus>))]
public enum MlflowRunStatus
{
    [JsonStringEnumMemberName("RUNNING")] Running,
    [JsonStringEnumMemberName("SCHEDULED")] Scheduled,
    [JsonStringEnumMemberName("FINISHED")] Finished,
    [JsonStringEnumMemberName("FAILED")] Failed,
    [JsonStringEnumMemberName("KILLED")] Killed,
}
