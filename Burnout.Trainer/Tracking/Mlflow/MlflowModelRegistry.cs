namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>A registered model as <c>registered-models/get</c> returns it.</summary>
public sealed record MlflowRegisteredModel(
    string Name,
    long? CreationTimestamp = null,
    long? LastUpdatedTimestamp = null,
    string? Description = null,
    IReadOnlyList<MlflowModelVersion>? LatestVersions = null,
    IReadOnlyList<MlflowModelAlias>? Aliases = null);

/// <summary>One version of a registered model. MLflow numbers versions from 1 and sends them as strings.</summary>
/// <param name="Source">Where the model's files are, e.g. the run's <c>mlflow-artifacts:</c> URI and path.</param>
public sealed record MlflowModelVersion(
    string Name,
    string Version,
    string? Source = null,
    string? RunId = null,
    string? Status = null,
    string? CurrentStage = null,
    long? CreationTimestamp = null,
    IReadOnlyList<string>? Aliases = null);

/// <summary>A named pointer (<c>champion</c>, <c>challenger</c>) to one version of a registered model.</summary>
public sealed record MlflowModelAlias(string Alias, string Version);
