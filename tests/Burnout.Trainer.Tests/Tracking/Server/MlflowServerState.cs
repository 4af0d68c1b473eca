namespace Burnout.Trainer.Tests.Tracking.Server;

/// <summary>Everything the in-memory MLflow server has accepted, for tests to look at. Guarded by <see cref="Sync"/>.</summary>
internal sealed class MlflowServerState
{
    public object Sync { get; } = new();

    /// <summary>Like a fresh MLflow, which has experiment "0", "Default".</summary>
    public Dictionary<string, StoredExperiment> Experiments { get; } = new() { ["0"] = new("0", "Default", "mlflow-artifacts:/0", 0) };

    public Dictionary<string, StoredRun> Runs { get; } = [];

    /// <summary>Artifact bytes by their path under the proxy's root, e.g. <c>1/&lt;run&gt;/artifacts/model.json</c>.</summary>
    public Dictionary<string, byte[]> Artifacts { get; } = [];

    public Dictionary<string, StoredRegisteredModel> RegisteredModels { get; } = [];

    public StoredRun Run(string runId) =>
        Runs.TryGetValue(runId, out var run) ? run : throw MlflowApiError.NotFound($"Run with id={runId} not found");

    public StoredRegisteredModel RegisteredModel(string name) =>
        RegisteredModels.TryGetValue(name, out var model) ? model : throw MlflowApiError.NotFound($"Registered Model with name={name} not found");
}

internal sealed record StoredExperiment(string ExperimentId, string Name, string ArtifactLocation, long CreationTime)
{
    public string LifecycleStage { get; set; } = "active";
}

internal sealed class StoredRun(string runId, string experimentId, string runName, long startTime)
{
    public string RunId { get; } = runId;
    public string ExperimentId { get; } = experimentId;
    public string RunName { get; set; } = runName;
    public long StartTime { get; } = startTime;
    public long? EndTime { get; set; }
    public string Status { get; set; } = "RUNNING";
    public string ArtifactUri => $"mlflow-artifacts:/{ExperimentId}/{RunId}/artifacts";

    /// <summary>Every value in the order it arrived, as MLflow keeps a metric's history.</summary>
    public List<StoredMetric> Metrics { get; } = [];

    public Dictionary<string, string> Params { get; } = [];
    public Dictionary<string, string> Tags { get; } = [];
    public List<StoredDatasetInput> Inputs { get; } = [];
}

internal sealed record StoredMetric(string Key, double Value, long Timestamp, long Step);

internal sealed record StoredDatasetInput(
    string Name, string Digest, string SourceType, string Source, string? Schema, string? Profile, IReadOnlyDictionary<string, string> Tags);

internal sealed class StoredRegisteredModel(string name, long creationTimestamp)
{
    public string Name { get; } = name;
    public long CreationTimestamp { get; } = creationTimestamp;
    public List<StoredModelVersion> Versions { get; } = [];
    public Dictionary<string, string> Aliases { get; } = [];
}

internal sealed record StoredModelVersion(string Name, string Version, string Source, string? RunId, long CreationTimestamp);
