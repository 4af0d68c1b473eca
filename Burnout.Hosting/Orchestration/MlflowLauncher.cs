using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Processes;
using Microsoft.Extensions.Configuration;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// Provides MLflow, choosing in this order: a server from configuration (<c>MLFLOW_TRACKING_URI</c>); the
/// official container when a runtime answers; an <c>mlflow</c> executable on PATH. With none, MLflow is
/// unavailable (the reason is shown) and everything else runs without it.
/// </summary>
internal sealed class MlflowLauncher(
    MlflowResource mlflow,
    ResourceRuntime runtime,
    IConfiguration configuration,
    HostingOptions options,
    int port) : IResourceLauncher
{
    private const string ContainerImage = "ghcr.io/mlflow/mlflow";

    private Mode _mode;
    private string? _url;
    private string? _containerRuntime;
    private string? _executable;

    private enum Mode { External, Container, Executable }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (configuration["MLFLOW_TRACKING_URI"] is { Length: > 0 } external)
        {
            _mode = Mode.External;
            _url = external.TrimEnd('/');
            runtime.Logs.Add($"[apphost] using the MLflow server at {_url} (MLFLOW_TRACKING_URI); nothing is started.");
        }
        else if (await ContainerRuntime.FindAsync().ConfigureAwait(false) is { } containerRuntime)
        {
            _mode = Mode.Container;
            _containerRuntime = containerRuntime;
            _url = $"http://127.0.0.1:{port}";
        }
        else if (ExecutableLocator.Find("mlflow") is { } executable)
        {
            _mode = Mode.Executable;
            _executable = executable;
            _url = $"http://127.0.0.1:{port}";
        }
        else
        {
            throw new ResourceUnavailableException(
                "No MLflow server: MLFLOW_TRACKING_URI is not set, no container runtime (docker, podman) answers, " +
                "and no 'mlflow' executable is on PATH. Set MLFLOW_TRACKING_URI, start a container engine, " +
                "or 'pip install mlflow'. Services run without MLFLOW_TRACKING_URI meanwhile.");
        }
        runtime.SetEndpoints([new ResourceEndpoint("http", _url, IsExternal: true)]);
    }

    public async Task<IRunningInstance> LaunchAsync(CancellationToken cancellationToken)
    {
        var storage = Path.Combine(options.DataDirectory, mlflow.Name);
        switch (_mode)
        {
            case Mode.External:
                return new ExternalInstance();

            case Mode.Container:
                var containerName = ContainerRuntime.ContainerName(mlflow.Name, options.DataDirectory);
                var container = await ContainerRuntime.RunAsync(_containerRuntime!, containerName,
                [
                    "-p", $"127.0.0.1:{port}:5000",
                    "-v", $"{containerName}-data:/mlflow",
                    ContainerImage,
                    "mlflow", "server", "--host", "0.0.0.0", "--port", "5000",
                    "--backend-store-uri", "sqlite:////mlflow/mlflow.db",
                    "--artifacts-destination", "/mlflow/artifacts",
                ], (line, isError) => runtime.Logs.Add(line, isError)).ConfigureAwait(false);
                return new ProcessInstance(container, TimeSpan.FromSeconds(15), () => ContainerRuntime.StopAsync(_containerRuntime!, containerName));

            default:
                Directory.CreateDirectory(Path.Combine(storage, "artifacts"));
                var process = ChildProcess.Start(new ChildProcessSpec
                {
                    FileName = _executable!,
                    Arguments =
                    [
                        "server", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        "--backend-store-uri", $"sqlite:///{Path.Combine(storage, "mlflow.db")}",
                        "--artifacts-destination", Path.Combine(storage, "artifacts"),
                    ],
                    WorkingDirectory = storage,
                }, (line, isError) => runtime.Logs.Add(line, isError));
                return new ProcessInstance(process, TimeSpan.FromSeconds(10));
        }
    }

    public Task<HealthStatus> CheckHealthAsync(CancellationToken cancellationToken) =>
        HttpHealthProbe.CheckAsync(_url + "/health", cancellationToken);
}
