namespace Burnout.Trainer.Tracking.Mlflow;

// The request and response bodies of the MLflow REST API 2.0, one record a message, named after the
// protobuf messages of mlflow/protos/service.proto and model_registry.proto. Field names come from the
// snake_case policy of MlflowJson; int64 fields travel as JSON numbers.

internal sealed record MlflowErrorResponse(string? ErrorCode, string? Message);

internal sealed record CreateExperimentRequest(string Name);

internal sealed record CreateExperimentResponse(string ExperimentId);

internal sealed record GetExperimentResponse(MlflowExperiment Experiment);

internal sealed record CreateRunRequest(string ExperimentId, string? RunName, long StartTime, IReadOnlyList<MlflowTag> Tags);

internal sealed record RunResponse(MlflowRun Run);

internal sealed record SearchRunsRequest(IReadOnlyList<string> ExperimentIds, string? Filter, int MaxResults);

internal sealed record SearchRunsResponse(IReadOnlyList<MlflowRun>? Runs, string? NextPageToken);

internal sealed record UpdateRunRequest(string RunId, MlflowRunStatus Status, long? EndTime);

internal sealed record UpdateRunResponse(MlflowRunInfo RunInfo);

internal sealed record LogBatchRequest(string RunId, IReadOnlyList<MlflowMetric> Metrics, IReadOnlyList<MlflowParam> Params, IReadOnlyList<MlflowTag> Tags);

internal sealed record LogInputsRequest(string RunId, IReadOnlyList<MlflowDatasetInput> Datasets);

internal sealed record EmptyResponse;

internal sealed record CreateRegisteredModelRequest(string Name);

internal sealed record RegisteredModelResponse(MlflowRegisteredModel RegisteredModel);

internal sealed record CreateModelVersionRequest(string Name, string Source, string? RunId);

internal sealed record ModelVersionResponse(MlflowModelVersion ModelVersion);

internal sealed record GetLatestVersionsRequest(string Name);

internal sealed record GetLatestVersionsResponse(IReadOnlyList<MlflowModelVersion>? ModelVersions);

internal sealed record SetRegisteredModelAliasRequest(string Name, string Alias, string Version);

internal sealed record DeleteRegisteredModelAliasRequest(string Name, string Alias);
