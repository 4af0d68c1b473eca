namespace Burnout.AppHost.Restarts;

/// <summary>Marks a resource that <see cref="CrashRestarter"/> starts again when it exits on its own.</summary>
public sealed class RestartOnCrashAnnotation : IResourceAnnotation
{
    public RestartBackoff Backoff { get; } = new();

    public int Restarts { get; set; }
}
