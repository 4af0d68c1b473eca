namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>A dataset a run used, as <c>runs/log-inputs</c> carries it.</summary>
/// <param name="Digest">
/// Identifies this content among datasets of the same name; at most <see cref="MlflowLimits.DatasetDigestLength"/>
/// characters, so a full SHA-256 in hex does not fit (MLflow itself uses 8 hex characters of an MD5).
/// </param>
/// <param name="SourceType">Where the data comes from, e.g. <c>postgres</c>, <c>local</c>, <c>s3</c>.</param>
/// <param name="Source">How to find it again, usually JSON.</param>
/// <param name="Schema">Its columns, usually MLflow ColSpec JSON; optional.</param>
/// <param name="Profile">Summary statistics such as the row count, usually JSON; optional.</param>
public sealed record MlflowDataset(string Name, string Digest, string SourceType, string Source, string? Schema = null, string? Profile = null);

/// <summary>A dataset and what the run used it for.</summary>
public sealed record MlflowDatasetInput(MlflowDataset Dataset, IReadOnlyList<MlflowInputTag>? Tags = null)
{
    /// <summary>MLflow's tag for the role of a dataset in a run (<c>training</c>, <c>validation</c>, ...).</summary>
    public const string ContextTagKey = "mlflow.data.context";

    public static MlflowDatasetInput ForContext(MlflowDataset dataset, string context) =>
        new(dataset, [new MlflowInputTag(ContextTagKey, context)]);
}

public sealed record MlflowInputTag(string Key, string Value);
