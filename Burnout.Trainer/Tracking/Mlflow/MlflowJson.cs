using System.Text.Json.Serialization;

namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>
/// The wire format, source-generated. MLflow's JSON is protobuf's JSON mapping with the proto field names
/// (snake_case); NaN and infinities are the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>; int64
/// may come back as a string, so reading accepts both. Absent optional fields are left out rather than sent
/// as null, which protobuf would refuse.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(MlflowErrorResponse))]
[JsonSerializable(typeof(CreateExperimentRequest))]
[JsonSerializable(typeof(CreateExperimentResponse))]
[JsonSerializable(typeof(GetExperimentResponse))]
[JsonSerializable(typeof(CreateRunRequest))]
[JsonSerializable(typeof(RunResponse))]
[JsonSerializable(typeof(SearchRunsRequest))]
[JsonSerializable(typeof(SearchRunsResponse))]
[JsonSerializable(typeof(UpdateRunRequest))]
[JsonSerializable(typeof(UpdateRunResponse))]
[JsonSerializable(typeof(LogBatchRequest))]
[JsonSerializable(typeof(MlflowMetric))]
[JsonSerializable(typeof(MlflowParam))]
[JsonSerializable(typeof(MlflowTag))]
[JsonSerializable(typeof(LogInputsRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(CreateRegisteredModelRequest))]
[JsonSerializable(typeof(RegisteredModelResponse))]
[JsonSerializable(typeof(CreateModelVersionRequest))]
[JsonSerializable(typeof(ModelVersionResponse))]
[JsonSerializable(typeof(GetLatestVersionsRequest))]
[JsonSerializable(typeof(GetLatestVersionsResponse))]
[JsonSerializable(typeof(SetRegisteredModelAliasRequest))]
[JsonSerializable(typeof(DeleteRegisteredModelAliasRequest))]
internal sealed partial class MlflowJson : JsonSerializerContext;
