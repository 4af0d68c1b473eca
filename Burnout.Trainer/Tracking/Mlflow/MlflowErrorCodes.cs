namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>The error codes of MLflow's <c>databricks.proto</c> that this client looks at.</summary>
public static class MlflowErrorCodes
{
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";
    public const string InvalidState = "INVALID_STATE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string TemporarilyUnavailable = "TEMPORARILY_UNAVAILABLE";
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";
}
