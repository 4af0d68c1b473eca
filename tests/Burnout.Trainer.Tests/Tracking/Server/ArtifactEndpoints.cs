using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Burnout.Trainer.Tests.Tracking.Server;

/// <summary>
/// The artifact proxy of <c>mlflow server --serve-artifacts</c>: <c>PUT</c> and <c>GET</c>
/// <c>/api/2.0/mlflow-artifacts/artifacts/&lt;path&gt;</c>, the path relative to the artifact root. Like MLflow's
/// <c>validate_path_is_safe</c>, it refuses paths that would leave the root.
/// </summary>
internal static class ArtifactEndpoints
{
    private const string Route = "/api/2.0/mlflow-artifacts/artifacts/{**path}";

    public static void Map(IEndpointRouteBuilder routes, MlflowServerState state)
    {
        routes.MapPut(Route, async (HttpContext context, string path) =>
        {
            var safePath = SafePath(path);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            lock (state.Sync)
            {
                state.Artifacts[safePath] = body.ToArray();
            }

            await context.Response.WriteAsJsonAsync(new { });
        });

        routes.MapGet(Route, (string path) =>
        {
            var safePath = SafePath(path);
            lock (state.Sync)
            {
                return state.Artifacts.TryGetValue(safePath, out var bytes)
                    ? Results.Bytes(bytes, "application/octet-stream")
                    : throw MlflowApiError.NotFound($"Artifact '{safePath}' not found.");
            }
        });
    }

    private static string SafePath(string path)
    {
        var segments = path.Split('/');
        return path.Contains('\\') || segments.Any(segment => segment is "" or "." or "..")
            ? throw MlflowApiError.Invalid($"Invalid path: '{path}'.")
            : path;
    }
}
