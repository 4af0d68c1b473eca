using System.Text.Json.Serialization;

namespace Burnout.Trainer.Tracking;

/// <summary>
/// What the trainer wants MLflow to record, in MLflow's own terms but with our keys instead of the ids MLflow
/// assigns: a call can be written down before MLflow has ever answered. The <c>type</c> discriminator is what
/// the outbox stores; renaming one strands the entries already written under the old name.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StartRun), "start_run")]
[JsonDerivedType(typeof(LogBatch), "log_batch")]
[JsonDerivedType(typeof(LogDatasetInput), "log_dataset_input")]
[JsonDerivedType(typeof(UploadArtifact), "upload_artifact")]
[JsonDerivedType(typeof(FinishRun), "finish_run")]
[JsonDerivedType(typeof(RegisterModelVersion), "register_model_version")]
[JsonDerivedType(typeof(SetModelAlias), "set_model_alias")]
public abstract record TrackingCall;

/// <summary>Creates the experiment if needed and the run; later calls with the same run key go to that run.</summary>
public sealed record StartRun(string ExperimentName, string RunName, DateTimeOffset StartTime, IReadOnlyDictionary<string, string> Tags) : TrackingCall;

/// <summary>Metrics (appended, in order), params (written once) and tags (last value wins).</summary>
public sealed record LogBatch(IReadOnlyList<TrackedMetric> Metrics, IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, string> Tags) : TrackingCall;

public sealed record TrackedMetric(string Key, double Value, DateTimeOffset Timestamp, long Step);

/// <param name="Digest">The dataset's full SHA-256 in hex; MLflow gets a shortened digest (see <see cref="MlflowDatasetDigest"/>).</param>
/// <param name="Context">What the run used it for: <c>training</c>, <c>validation</c>, ...</param>
public sealed record LogDatasetInput(string Name, string Digest, string SourceType, string Source, string? Schema, string? Profile, string Context) : TrackingCall;

/// <param name="Path">The file's path among the run's artifacts, e.g. <c>model/model.json</c>.</param>
public sealed record UploadArtifact(string Path, byte[] Content) : TrackingCall;

public sealed record FinishRun(bool Succeeded, DateTimeOffset EndTime) : TrackingCall;

/// <summary>Registers the run's artifacts at <paramref name="ArtifactPath"/> as a version of the model; its source is the run's artifact URI + "/" + the path.</summary>
/// <param name="LocalVersion">Our number for the version; MLflow numbers it itself, and the outbox remembers which is which.</param>
public sealed record RegisterModelVersion(string ModelName, string ArtifactPath, int LocalVersion) : TrackingCall;

/// <summary>Points the alias at the MLflow version that was registered for <paramref name="LocalVersion"/>.</summary>
public sealed record SetModelAlias(string ModelName, string Alias, int LocalVersion) : TrackingCall;
