using Burnout.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// Runs the application model: chooses ports, prepares every resource, starts them all once the
/// dashboard listens (each waits for what it waits for), and on shutdown stops dependents before their
/// dependencies so that no service outlives the database it uses.
/// </summary>
public sealed class Orchestrator : IHostedLifecycleService
{
    private readonly DependencyGraph _graph;
    private readonly Dictionary<IResource, ResourceSupervisor> _supervisors = [];
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private volatile bool _shuttingDown;

    internal Orchestrator(
        IReadOnlyList<IResource> resources,
        HostingOptions options,
        IConfiguration configuration,
        string? otlpEndpoint,
        IHostApplicationLifetime lifetime,
        ILogger<Orchestrator> logger)
    {
        _graph = new DependencyGraph(resources);
        _lifetime = lifetime;
        _logger = logger;

        var runtimes = new Dictionary<IResource, ResourceRuntime>();
        ResourceRuntime RuntimeOf(IResource resource) => runtimes[resource];
        var launchers = new Dictionary<IResource, IResourceLauncher>();

        foreach (var resource in _graph.StartOrder)
        {
            var port = FreePort.Resolve(HostingOptions.ConfiguredPort(configuration, resource.Name));
            var endpoints = resource is ProjectResource project ? [ProjectLauncher.EndpointFor(project, port)] : Array.Empty<ResourceEndpoint>();
            var runtime = new ResourceRuntime(resource, endpoints, options.LogLines);
            runtimes[resource] = runtime;

            launchers[resource] = resource switch
            {
                ProjectResource p => new ProjectLauncher(p, runtime, RuntimeOf, otlpEndpoint),
                PostgresServerResource s => new PostgresLauncher(s, runtime, configuration, options, port),
                PostgresDatabaseResource d => new PostgresDatabaseLauncher(d, runtime, runtimes[d.Server], (PostgresLauncher)launchers[d.Server]),
                MlflowResource m => new MlflowLauncher(m, runtime, configuration, options, port),
                _ => throw new NotSupportedException($"No launcher for {resource}."),
            };

            // A database needs its server running, whether or not the model says WaitFor.
            var waitsFor = ((resource as Resource)?.WaitsFor ?? [])
                .Concat((resource as Resource)?.Parent is { } parent ? [parent] : [])
                .Distinct()
                .Select(RuntimeOf)
                .ToList();
            _supervisors[resource] = new ResourceSupervisor(runtime, launchers[resource], waitsFor, new RestartBackoff(), logger);
        }
    }

    /// <summary>Every resource, in start order.</summary>
    public IReadOnlyList<ResourceRuntime> Resources => _graph.StartOrder.Select(r => _supervisors[r].Runtime).ToList();

    public ResourceRuntime? Find(string name) => Supervisor(name)?.Runtime;

    /// <summary>
    /// Decides how each resource runs here. A resource that cannot run is marked unavailable; an exception
    /// means the application cannot run at all (no PostgreSQL of any kind) and the AppHost should exit.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        foreach (var supervisor in _graph.StartOrder.Select(r => _supervisors[r]))
        {
            try
            {
                await supervisor.Launcher.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceUnavailableException e)
            {
                _logger.LogWarning("{Resource} is unavailable: {Reason}", supervisor.Runtime.Name, e.Message);
                supervisor.Runtime.Logs.Add($"[apphost] unavailable: {e.Message}", isError: true);
                supervisor.Runtime.SetState(ResourceState.Unavailable, e.Message);
            }
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        // Start only once the dashboard (and its OTLP receiver) listens, so the first telemetry is not lost.
        _lifetime.ApplicationStarted.Register(() => _ = StartAllAsync());
        return Task.CompletedTask;
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs before any hosted service stops, the dashboard's web server included: services flush their
    /// telemetry to the dashboard while stopping, and would wait out their export timeout if it were gone.
    /// </summary>
    async Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken)
    {
        _shuttingDown = true;
        _logger.LogInformation("Stopping all resources.");
        var stops = new Dictionary<IResource, Task>();

        Task StopAfterDependents(IResource resource)
        {
            if (!stops.TryGetValue(resource, out var stop))
            {
                var dependents = _graph.DependentsOf(resource).Select(StopAfterDependents).ToList();
                stop = StopAsync(dependents, _supervisors[resource]);
                stops[resource] = stop;
            }
            return stop;
        }

        static async Task StopAsync(List<Task> dependents, ResourceSupervisor supervisor)
        {
            await Task.WhenAll(dependents).ConfigureAwait(false);
            await supervisor.StopAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_graph.StopOrder.Select(StopAfterDependents)).ConfigureAwait(false);
        _logger.LogInformation("All resources stopped.");
    }

    public Task<bool> StartResourceAsync(string name) => Act(name, s => _shuttingDown ? Task.CompletedTask : s.StartAsync());

    public Task<bool> StopResourceAsync(string name) => Act(name, s => s.StopAsync());

    public Task<bool> RestartResourceAsync(string name) => Act(name, s => _shuttingDown ? Task.CompletedTask : s.RestartAsync());

    private async Task StartAllAsync()
    {
        foreach (var resource in _graph.StartOrder.TakeWhile(_ => !_shuttingDown))
        {
            await _supervisors[resource].StartAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> Act(string name, Func<ResourceSupervisor, Task> action)
    {
        if (Supervisor(name) is not { } supervisor)
        {
            return false;
        }
        await action(supervisor).ConfigureAwait(false);
        return true;
    }

    private ResourceSupervisor? Supervisor(string name) =>
        _supervisors.Values.FirstOrDefault(s => s.Runtime.Name.Equals(name, StringComparison.Ordinal));
}
