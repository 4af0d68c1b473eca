using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Processes;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// Runs a project from its build output (<c>dotnet &lt;assembly&gt;</c>, in the project folder so it finds
/// its appsettings.json, as <c>dotnet run</c> would), configured through environment variables only.
/// </summary>
internal sealed class ProjectLauncher(
    ProjectResource project,
    ResourceRuntime runtime,
    Func<IResource, ResourceRuntime> runtimeOf,
    string? otlpEndpoint) : IResourceLauncher
{
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(10);

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IRunningInstance> LaunchAsync(CancellationToken cancellationToken)
    {
        var assembly = project.Project.TargetPath;
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException(
                $"{assembly} does not exist: build the AppHost (dotnet build), which builds {Path.GetFileName(project.Project.ProjectPath)}.");
        }

        var url = runtime.Endpoints[0].Url;
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = url,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["OTEL_SERVICE_NAME"] = project.Name,
            // Our console capture is not a terminal: plain text reads better on the dashboard.
            ["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = null,
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
            // Inherited from whoever started the AppHost, these would point the service at the wrong place.
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
        };
        if (otlpEndpoint is not null)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            // Aspire's short export intervals: telemetry shows up within seconds, not a minute.
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "5000";
        }
        foreach (var (name, value) in await ReferenceEnvironment.BuildAsync(project, runtimeOf, cancellationToken).ConfigureAwait(false))
        {
            environment[name] = value;
        }

        runtime.Logs.Add($"[apphost] starting {Path.GetFileName(assembly)} on {url}");
        var process = ChildProcess.Start(new ChildProcessSpec
        {
            FileName = DotnetHost.Path,
            Arguments = [assembly],
            WorkingDirectory = Path.GetDirectoryName(project.Project.ProjectPath),
            Environment = environment,
            StopSignal = Posix.SigTerm,
        }, (line, isError) => runtime.Logs.Add(line, isError));
        return new ProcessInstance(process, s_stopGrace);
    }

    public Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        HttpHealthProbe.CheckAsync(runtime.Endpoints[0].Url.TrimEnd('/') + project.HealthCheckPath, cancellationToken);

    /// <summary>The endpoint a project gets before it starts: configured port, or a free one.</summary>
    public static ResourceEndpoint EndpointFor(ProjectResource project, int port) =>
        new("http", $"http://127.0.0.1:{port}", project.HasExternalHttpEndpoints);
}
