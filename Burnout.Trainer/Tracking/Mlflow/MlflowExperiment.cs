using System.Text.Json.Serialization;

namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>An experiment as <c>experiments/get-by-name</c> returns it.</summary>
/// <param name="LifecycleStage"><c>active</c> or <c>deleted</c>; a deleted experiment keeps its name.</param>
public sealed record MlflowExperiment(
    string ExperimentId,
    string Name,
    string? ArtifactLocation,
    string? LifecycleStage,
    long? CreationTime = null,
    long? LastUpdateTime = null,
    IReadOnlyList<MlflowTag>? Tags = null)
{
    [JsonIgnore]
    public bool IsDeleted => LifecycleStage == "deleted";
}
