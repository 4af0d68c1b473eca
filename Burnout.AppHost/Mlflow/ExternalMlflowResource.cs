namespace Burnout.AppHost.Mlflow;

/// <summary>An MLflow tracking server that someone else runs, named by <c>MLFLOW_TRACKING_URI</c>.</summary>
public sealed class ExternalMlflowResource(string name, Uri trackingUri) : Resource(name)
{
    public Uri TrackingUri { get; } = trackingUri;
}
