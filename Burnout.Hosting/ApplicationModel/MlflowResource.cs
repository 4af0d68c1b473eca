namespace Burnout.Hosting.ApplicationModel;

/// <summary>
/// An MLflow tracking server. Referencing projects get <c>MLFLOW_TRACKING_URI</c>, unless no way to run
/// one was found, in which case the resource is shown as unavailable and the rest still starts.
/// </summary>
public sealed class MlflowResource(string name) : Resource(name)
{
    public override string Kind => "Mlflow";
}
