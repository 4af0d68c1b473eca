using System.Net;

namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>
/// A call to MLflow that did not succeed: MLflow's own <c>{"error_code", "message"}</c> answer, another HTTP
/// failure, or no answer at all. <see cref="IsTransient"/> tells a caller that retries whether the same request
/// can succeed later unchanged.
/// </summary>
public sealed class MlflowException : Exception
{
    public MlflowException(string? errorCode, string message, HttpStatusCode? statusCode, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    /// <summary>An answer that is not a success, transient when the server rather than the request is at fault.</summary>
    public static MlflowException FromAnswer(HttpStatusCode statusCode, string? errorCode, string message) =>
        new(errorCode, message, statusCode, IsTransientAnswer(statusCode, errorCode));

    /// <summary>No answer at all: the connection failed or timed out.</summary>
    public static MlflowException NoAnswer(string message, Exception innerException) =>
        new(errorCode: null, message, statusCode: null, isTransient: true, innerException);

    /// <summary>MLflow's error code (<see cref="MlflowErrorCodes"/>); null when MLflow did not answer with one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The HTTP status; null when no answer came (connection refused, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// True for a failure of the server or the network rather than of the request: no answer, 5xx, 408, 429,
    /// or MLflow's own "try later" codes. A 4xx such as INVALID_PARAMETER_VALUE is permanent: resending the same
    /// request would fail the same way.
    /// </summary>
    public bool IsTransient { get; }

    private static bool IsTransientAnswer(HttpStatusCode statusCode, string? errorCode) =>
        errorCode is MlflowErrorCodes.TemporarilyUnavailable or MlflowErrorCodes.RequestLimitExceeded or MlflowErrorCodes.InternalError
        || statusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || (int)statusCode >= 500;
}
