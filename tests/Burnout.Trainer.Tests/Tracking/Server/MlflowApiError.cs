using System.Net;

namespace Burnout.Trainer.Tests.Tracking.Server;

/// <summary>An answer the in-memory server gives as MLflow does: the status and <c>{"error_code", "message"}</c>.</summary>
internal sealed class MlflowApiError(HttpStatusCode statusCode, string errorCode, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string ErrorCode { get; } = errorCode;

    public static MlflowApiError Invalid(string message) => new(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", message);

    public static MlflowApiError NotFound(string message) => new(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", message);

    public static MlflowApiError AlreadyExists(string message) => new(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", message);
}
