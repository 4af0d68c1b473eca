namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>
/// Where an artifact of a run is read and written through the tracking server's artifact proxy
/// (<c>mlflow server --serve-artifacts</c>). Such a run's <c>artifact_uri</c> is
/// <c>mlflow-artifacts:/&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts</c> (possibly with a host), and the proxy serves
/// that path under <c>/api/2.0/mlflow-artifacts/artifacts/</c>, the way MLflow's own MlflowArtifactsRepository
/// resolves it.
/// </summary>
internal static class MlflowArtifactAddress
{
    public const string ProxyRoute = "api/2.0/mlflow-artifacts/artifacts/";

    public static Uri Resolve(Uri trackingUri, string runArtifactUri, string artifactPath)
    {
        var relative = EscapePath(artifactPath);
        if (runArtifactUri.StartsWith("mlflow-artifacts:", StringComparison.Ordinal))
        {
            // mlflow-artifacts:/1/r/artifacts and mlflow-artifacts://host:5000/1/r/artifacts name the same place.
            var root = new Uri(runArtifactUri).AbsolutePath.Trim('/');
            return new Uri(trackingUri, ProxyRoute + root + "/" + relative);
        }

        if (Uri.TryCreate(runArtifactUri, UriKind.Absolute, out var http) && (http.Scheme == Uri.UriSchemeHttp || http.Scheme == Uri.UriSchemeHttps)
            && http.AbsolutePath.Contains("/" + ProxyRoute, StringComparison.Ordinal))
        {
            return new Uri(http.AbsoluteUri.TrimEnd('/') + "/" + relative);
        }

        throw new NotSupportedException(
            $"The run's artifacts live at '{runArtifactUri}', which this client cannot write: only the tracking server's " +
            "artifact proxy (mlflow-artifacts:) is supported. Start MLflow with --serve-artifacts.");
    }

    /// <summary>The server refuses paths that leave the run's directory, so they are refused here first.</summary>
    private static string EscapePath(string artifactPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(artifactPath);
        var segments = artifactPath.Split('/');
        if (artifactPath.Contains('\\') || segments.Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"The artifact path '{artifactPath}' must be relative, with '/' between non-empty names and no '.' or '..'.", nameof(artifactPath));
        }

        return string.Join('/', segments.Select(Uri.EscapeDataString));
    }
}
