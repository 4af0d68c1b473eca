using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Burnout.AppHost.Postgres;

namespace Burnout.AppHost.Mlflow;

/// <summary>
/// <c>AddMlflow</c> chooses, once at start-up: the server in <c>MLFLOW_TRACKING_URI</c>; the official image where
/// a container runtime answers; an <c>mlflow</c> executable on PATH; else a resource that says why there is none.
/// <c>WithMlflow</c> gives a service <c>MLFLOW_TRACKING_URI</c>, MLflow's own variable, whichever was chosen.
/// </summary>
public static class MlflowBuilderExtensions
{
    public const string TrackingUriVariable = "MLFLOW_TRACKING_URI";

    /// <summary>MLflow 2.x, pinned: the trainer's client follows the 2.0 REST API.</summary>
    private const string Image = "mlflow/mlflow";
    private const string ImageTag = "v2.22.1";
    private const int ContainerPort = 5000;

    /// <param name="database">The platform's database; in the container case MLflow keeps its runs in its own database on the same server.</param>
    public static IResourceBuilder<IResource> AddMlflow(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, IResourceBuilder<IResourceWithConnectionString> database)
    {
        if (builder.Configuration[TrackingUriVariable] is { Length: > 0 } external)
        {
            if (!Uri.TryCreate(external, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw StartupFailure.Exit($"{TrackingUriVariable} must be an http(s) address, not '{external}'.");
            }
            builder.LogAtStart($"MLflow: the server at {uri} ({TrackingUriVariable}); nothing is started.");
            return builder.AddExternalMlflow(name, uri);
        }

        if (ContainerRuntime.Answering is { } runtime && database.Resource is PostgresDatabaseResource platformDatabase)
        {
            builder.LogAtStart($"MLflow: ghcr.io/{Image}:{ImageTag}, through {runtime}.");
            var server = builder.CreateResourceBuilder(platformDatabase.Parent);
            return builder.AddMlflowContainer(name, server.AddDatabase($"{name}db"));
        }

        if (ExecutableSearch.OnPath("mlflow") is { } executable)
        {
            builder.LogAtStart($"MLflow: {executable}, data in {BurnoutDataDirectory.Get(builder, name)}.");
            return builder.AddMlflowExecutable(name, executable, BurnoutDataDirectory.Get(builder, name));
        }

        var reason = $"No MLflow server: {TrackingUriVariable} is not set, no container runtime (docker, podman) answers, and no " +
            $"'mlflow' executable is on PATH. Set {TrackingUriVariable}, start a container engine, or 'pip install mlflow'. " +
            "The rest of the stack runs without tracking meanwhile.";
        builder.LogAtStart($"MLflow: unavailable. {reason}");
        return builder.AddUnavailableMlflow(name, reason);
    }

    public static IResourceBuilder<ProjectResource> WithMlflow(this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResource> mlflow)
    {
        switch (mlflow.Resource)
        {
            case IResourceWithEndpoints server:
                service.WithEnvironment(TrackingUriVariable, server.GetEndpoint("http"));
                break;
            case ExternalMlflowResource external:
                service.WithEnvironment(TrackingUriVariable, external.TrackingUri.ToString());
                break;
        }
        return service.WithReferenceRelationship(mlflow.Resource);
    }

    private static IResourceBuilder<IResource> AddExternalMlflow(this IDistributedApplicationBuilder builder, string name, Uri uri)
    {
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, async cancellationToken =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(new Uri(uri, "health"), cancellationToken);
                return response.IsSuccessStatusCode
                    ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
                    : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy($"{uri}health answered {(int)response.StatusCode}.");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy($"{uri} does not answer: {e.Message}");
            }
        });

        return builder.AddResource(new ExternalMlflowResource(name, uri))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "External MLflow",
                State = KnownResourceStates.Running,
                Properties = [],
                Urls = [new UrlSnapshot("tracking", uri.ToString(), IsInternal: false)],
            })
            .WithHealthCheck(healthCheckKey);
    }

    private static IResourceBuilder<IResource> AddMlflowContainer(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<PostgresDatabaseResource> trackingDatabase)
    {
        var server = trackingDatabase.Resource.Parent;
        var endpoint = server.PrimaryEndpoint;
        var backendStore = ReferenceExpression.Create(
            $"postgresql://{server.UserNameReference}:{server.PasswordParameter}@{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.TargetPort)}/{trackingDatabase.Resource.DatabaseName}");

        // The official image has no PostgreSQL driver, so the container installs one before it starts the server.
        const string Script =
            "pip install --quiet --no-cache-dir psycopg2-binary && exec mlflow server --host 0.0.0.0 --port 5000 " +
            "--backend-store-uri \"$MLFLOW_BACKEND_STORE_URI\" --serve-artifacts --artifacts-destination /mlflow/artifacts";

        return builder.AddContainer(name, Image, ImageTag)
            .WithImageRegistry("ghcr.io")
            .WithEntrypoint("bash")
            .WithArgs("-c", Script)
            .WithEnvironment("MLFLOW_BACKEND_STORE_URI", backendStore)
            .WithVolume($"{name}-artifacts", "/mlflow/artifacts")
            .WithHttpEndpoint(targetPort: ContainerPort, name: "http")
            .WithHttpHealthCheck("/health")
            .WithReference(trackingDatabase)
            .WaitFor(trackingDatabase);
    }

    private static IResourceBuilder<IResource> AddMlflowExecutable(this IDistributedApplicationBuilder builder, string name, string executable, string dataDirectory)
    {
        Directory.CreateDirectory(Path.Combine(dataDirectory, "artifacts"));
        var mlflow = builder.AddExecutable(name, executable, dataDirectory);
        var endpoint = mlflow.WithHttpEndpoint(name: "http").GetEndpoint("http");
        return mlflow
            .WithArgs(context =>
            {
                context.Args.Add("server");
                context.Args.Add("--host");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--port");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--backend-store-uri");
                context.Args.Add($"sqlite:///{Path.Combine(dataDirectory, "mlflow.db")}");
                context.Args.Add("--serve-artifacts");
                context.Args.Add("--artifacts-destination");
                context.Args.Add(Path.Combine(dataDirectory, "artifacts"));
            })
            .WithHttpHealthCheck("/health");
    }

    private static IResourceBuilder<IResource> AddUnavailableMlflow(this IDistributedApplicationBuilder builder, string name, string reason)
    {
        var mlflow = new UnavailableMlflowResource(name, reason);
        builder.Eventing.Subscribe<InitializeResourceEvent>(mlflow, (@event, _) =>
        {
            // The console-log view is where a developer looks first for why a resource is not running.
            @event.Logger.LogWarning("{Reason}", reason);
            return Task.CompletedTask;
        });
        return builder.AddResource(mlflow)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "MLflow",
                State = new ResourceStateSnapshot(UnavailableMlflowResource.State, KnownResourceStateStyles.Warn),
                Properties = [new ResourcePropertySnapshot("burnout.unavailable.reason", reason)],
            });
    }
}
