using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Burnout.AppHost.Mlflow;
using Burnout.AppHost.Postgres;
using Burnout.AppHost.Restarts;

namespace Burnout.AppHost.Tests;

public sealed class RunningStackTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private DistributedApplication App => stack.App;

    [Fact]
    public void Every_resource_but_mlflow_is_running_and_healthy()
    {
        foreach (var name in Stack.MustBeHealthy)
        {
            var snapshot = App.Snapshot(name);
            Assert.Equal(KnownResourceStates.Running, snapshot.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, snapshot.HealthStatus);
        }
    }

    [Fact]
    public void Mlflow_is_either_healthy_or_plainly_unavailable_with_its_reason()
    {
        var mlflow = App.Snapshot("mlflow");

        if (mlflow.State?.Text == UnavailableMlflowResource.State)
        {
            var reason = Assert.Single(mlflow.Properties, p => p.Name == "burnout.unavailable.reason");
            Assert.Contains(MlflowBuilderExtensions.TrackingUriVariable, (string)reason.Value!);
        }
        else
        {
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, mlflow.HealthStatus);
        }
    }

    [Fact]
    public void Postgres_runs_from_local_binaries_as_an_executable_resource_here()
    {
        var postgres = App.Snapshot("postgres");

        // No container engine answers on the machines this runs on, so the local path must have been taken.
        Assert.Equal("Executable", postgres.ResourceType);
        Assert.True(postgres.ProcessId() > 0);
        Assert.StartsWith("local binaries in ", (string?)postgres.Properties.Single(p => p.Name == LocalPostgresBuilderExtensions.SourceProperty).Value);
        var data = (string)postgres.Properties.Single(p => p.Name == LocalPostgresBuilderExtensions.DataProperty).Value!;
        Assert.True(File.Exists(Path.Combine(data, "PG_VERSION")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/health")]
    [InlineData("/api/datasets/feature-sets")]
    [InlineData("/api/monitoring/freshness")]
    public async Task The_front_door_serves_the_front_end_and_routes_to_each_service(string path)
    {
        using var web = App.CreateHttpClient("web");

        using var response = await web.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_front_door_reaches_the_trainer_and_the_monitor_through_their_own_routes()
    {
        using var web = App.CreateHttpClient("web");

        var featureSets = await web.GetStringAsync("/api/datasets/feature-sets");
        var freshness = await web.GetStringAsync("/api/monitoring/freshness");

        Assert.Contains("daily-13", featureSets);
        // The monitor's answer, not the front end's HTML page: a JSON array (empty on a fresh database).
        Assert.Equal(System.Text.Json.JsonValueKind.Array, System.Text.Json.JsonDocument.Parse(freshness).RootElement.ValueKind);
    }

    [Fact]
    public async Task On_an_empty_database_the_trainer_seeds_a_cohort_trains_and_names_a_burnout_daily_champion()
    {
        using var web = App.CreateHttpClient("web");

        // First start generates a cohort and trains every candidate in the background: a bounded wait, not a timing assertion.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        System.Text.Json.JsonElement versions;
        while (true)
        {
            versions = await web.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/models?problem=burnout-daily");
            if (versions.GetArrayLength() > 0 || DateTime.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var champion = Assert.Single(versions.EnumerateArray(), v => v.GetProperty("aliases").EnumerateArray().Any(a => a.GetString() == "champion"));
        Assert.True(champion.GetProperty("metrics").GetProperty("held_out").GetProperty("pr_auc").GetDouble() > 0);
        var runs = await web.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/training/runs");
        var firstStart = Assert.Single(runs.EnumerateArray(), r => r.GetProperty("reason").GetString() == "first-start");
        Assert.Equal(4, firstStart.GetProperty("comparison").GetArrayLength());
        var outbox = await web.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/tracking/outbox");
        // MLflow is unavailable here, so the run's tracking waits in the outbox.
        Assert.True(outbox.GetProperty("pending").GetInt32() > 0);
    }

    [Fact]
    public async Task A_service_killed_with_sigkill_is_started_again_and_becomes_healthy()
    {
        var pid = App.Snapshot("api").ProcessId();
        // Under the testing builder DCP starts projects through 'dotnet run', so the service is that process's child.
        var service = ProcessTable.Tree(pid).Single(p => p.Command.Contains("Burnout.Api", StringComparison.Ordinal) && !p.Command.StartsWith("dotnet", StringComparison.Ordinal));

        using (var api = Process.GetProcessById(service.Pid))
        {
            api.Kill(); // SIGKILL: no chance to clean up, as in a crash
        }
        using var timeout = new CancellationTokenSource(Stack.Patience);
        var back = await App.ResourceNotifications.WaitForResourceAsync("api", e =>
                e.Snapshot.State?.Text == KnownResourceStates.Running
                && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                && e.Snapshot.Properties.Any(p => p.Name is "executable.pid" or "project.pid" && Convert.ToInt32(p.Value, System.Globalization.CultureInfo.InvariantCulture) != pid),
            timeout.Token);

        Assert.Contains(back.Snapshot.Properties, p => p.Name == CrashRestarter.RestartCountProperty && Convert.ToInt32(p.Value, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        using var web = App.CreateHttpClient("web");
        using var health = await web.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
