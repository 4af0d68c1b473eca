namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>
/// What an MLflow 2.x tracking server accepts (<c>mlflow/utils/validation.py</c>, MLflow 2.17 and later, which
/// includes the v2.22.1 the AppHost pins). The server answers INVALID_PARAMETER_VALUE past any of them, so the
/// client checks them before it sends anything.
/// </summary>
public static class MlflowLimits
{
    public const int MetricsPerBatch = 1000;
    public const int ParamsPerBatch = 100;
    public const int TagsPerBatch = 100;
    public const int EntitiesPerBatch = 1000;

    /// <summary>The JSON body of one <c>runs/log-batch</c> request, in bytes.</summary>
    public const int BatchRequestBytes = 1_000_000;

    /// <summary>The most runs one <c>runs/search</c> page may ask for.</summary>
    public const int SearchRunsMaxResults = 50000;

    public const int KeyLength = 250;
    public const int ParamValueLength = 6000;

    /// <summary>Run tags; 5000 before MLflow 2.17.</summary>
    public const int TagValueLength = 8000;

    public const int DatasetNameLength = 500;

    /// <summary>A dataset digest is short: a full SHA-256 in hex (64) does not fit.</summary>
    public const int DatasetDigestLength = 36;

    public const int DatasetSourceLength = 65535;
    public const int DatasetSchemaLength = 1048575;
    public const int DatasetProfileLength = 16777215;
    public const int InputTagKeyLength = 255;
    public const int InputTagValueLength = 500;
}
