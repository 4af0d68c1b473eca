using System.Diagnostics;
using System.Net;
using Burnout.Hosting.Orchestration;

namespace Burnout.AppHost.Tests;

public sealed class RunningStackTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private AppHostProcess Host => stack.Host;

    [Fact]
    public async Task Every_resource_that_can_run_here_is_running_and_healthy()
    {
        var resources = await Host.GetResourcesAsync();

        Assert.True(StackChecks.EveryAvailableResourceHealthy(resources));
        // PostgreSQL and the services have no excuse to be unavailable; only MLflow may be missing here.
        foreach (var name in new[] { "postgres", "burnoutdb", "api", "trainer", "monitor", "web" })
        {
            Assert.Equal(HealthStatus.Healthy, resources.Get(name).Health);
        }
        var mlflow = resources.Get("mlflow");
        Assert.True(mlflow.Health == HealthStatus.Healthy || (mlflow.State == ResourceState.Unavailable && !string.IsNullOrEmpty(mlflow.Message)));
    }

    [Fact]
    public async Task Services_run_as_their_own_processes_on_loopback_endpoints()
    {
        var resources = await Host.GetResourcesAsync();

        foreach (var name in new[] { "api", "trainer", "monitor", "web" })
        {
            var service = resources.Get(name);
            Assert.NotNull(service.ProcessId);
            var endpoint = Assert.Single(service.Endpoints);
            Assert.StartsWith("http://127.0.0.1:", endpoint.Url);
        }
        Assert.True(resources.Get("web").Endpoints[0].IsExternal);
        Assert.NotNull(resources.Get("postgres").ProcessId);
    }

    [Fact]
    public async Task The_gateway_serves_the_front_end_and_routes_to_the_api()
    {
        var web = new Uri((await Host.GetResourcesAsync()).Get("web").Endpoints[0].Url);

        using var home = await Host.Http.GetAsync(web);
        using var apiHealth = await Host.Http.GetAsync(new Uri(web, "/api/health"));

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apiHealth.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_page_lists_every_resource_and_serves_console_logs()
    {
        var page = await Host.Http.GetStringAsync(Host.DashboardUrl);
        var logs = await Host.Http.GetStringAsync(new Uri(Host.DashboardUrl, "/api/resources/postgres/logs"));

        foreach (var name in StackChecks.ExpectedResources)
        {
            Assert.Contains($"data-name=\"{name}\"", page);
        }
        Assert.Contains("accepting connections", logs);
    }

    [Fact]
    public async Task Services_send_their_telemetry_to_the_dashboard()
    {
        // Metrics are exported every few seconds; wait for the first export of every service.
        var resources = await Host.WaitForAsync(
            rs => new[] { "api", "trainer", "monitor", "web" }.All(n => rs.Get(n).Telemetry.MetricPoints > 0),
            "metrics from every service");

        Assert.All(new[] { "api", "trainer", "monitor", "web" }, n => Assert.True(resources.Get(n).Telemetry.MetricPoints > 0));
    }

    [Fact]
    public async Task A_killed_service_is_restarted_and_becomes_healthy_again()
    {
        var before = (await Host.GetResourcesAsync()).Get("api");
        var pid = before.ProcessId ?? throw new InvalidOperationException("api has no process.");

        using (var api = Process.GetProcessById(pid))
        {
            api.Kill(); // SIGKILL: no chance to clean up, as in a crash
        }
        var after = (await Host.WaitForAsync(
            rs => rs.Get("api") is { State: ResourceState.Running, Health: HealthStatus.Healthy } api && api.ProcessId != pid,
            "api to come back healthy after kill -9")).Get("api");

        Assert.True(after.Restarts > before.Restarts);
        Assert.Equal(137, after.LastExitCode);
    }
}
