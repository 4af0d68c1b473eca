namespace Burnout.AppHost.Mlflow;

/// <summary>
/// MLflow that cannot run here, shown on the dashboard with the reason instead of being left out. Nothing
/// waits for it: the services run without tracking, and the trainer keeps its tracking calls in its outbox.
/// </summary>
public sealed class UnavailableMlflowResource(string name, string reason) : Resource(name)
{
    public const string State = "Unavailable";

    public string Reason { get; } = reason;
}
