using Burnout.Hosting.Orchestration;
using Burnout.Testing;

namespace Burnout.AppHost.Tests;

/// <summary>One running stack shared by the tests that only look at it or poke one service.</summary>
public sealed class StackFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private AppHostProcess? _host;

    internal AppHostProcess Host => _host ?? throw new InvalidOperationException("The stack did not start.");

    public async Task InitializeAsync()
    {
        _host = await AppHostProcess.StartAsync(Path.Combine(_data.Path, "data"));
        await Host.WaitForAsync(StackChecks.EveryAvailableResourceHealthy, "every available resource to be healthy");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        _data.Dispose();
    }
}

internal static class StackChecks
{
    public static readonly string[] ExpectedResources = ["postgres", "burnoutdb", "mlflow", "api", "trainer", "monitor", "web"];

    /// <summary>Every declared resource is there, and each one that can run here is running and healthy.</summary>
    public static bool EveryAvailableResourceHealthy(IReadOnlyList<ResourceSnapshot> resources) =>
        ExpectedResources.All(name => resources.Any(r => r.Name == name))
        && resources.All(r => r.State == ResourceState.Unavailable || (r.State == ResourceState.Running && r.Health == HealthStatus.Healthy));

    public static ResourceSnapshot Get(this IReadOnlyList<ResourceSnapshot> resources, string name) => resources.Single(r => r.Name == name);
}
