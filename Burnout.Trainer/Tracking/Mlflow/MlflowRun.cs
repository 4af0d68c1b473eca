namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>A run as <c>runs/create</c> and <c>runs/get</c> return it.</summary>
public sealed record MlflowRun(MlflowRunInfo Info, MlflowRunData? Data = null, MlflowRunInputs? Inputs = null);

/// <param name="ArtifactUri">Where the run's artifacts go, e.g. <c>mlflow-artifacts:/1/&lt;run_id&gt;/artifacts</c>.</param>
/// <param name="StartTime">Unix time in milliseconds.</param>
public sealed record MlflowRunInfo(
    string RunId,
    string ExperimentId,
    string? RunName,
    MlflowRunStatus Status,
    long? StartTime,
    long? EndTime,
    string? ArtifactUri,
    string? LifecycleStage);

/// <summary>What MLflow keeps of a run's logging: for metrics, only the latest value of each key.</summary>
public sealed record MlflowRunData(
    IReadOnlyList<MlflowMetric>? Metrics = null,
    IReadOnlyList<MlflowParam>? Params = null,
    IReadOnlyList<MlflowTag>? Tags = null);

public sealed record MlflowRunInputs(IReadOnlyList<MlflowDatasetInput>? DatasetInputs = null);
