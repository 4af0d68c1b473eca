using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Burnout.Data.Bulk;
using Burnout.Features.Simulation;
using Burnout.Testing;
using Burnout.Trainer.Tests.Tracking.Server;

namespace Burnout.Trainer.Tests.Runs;

/// <summary>A training run with MLflow down: it trains anyway, its tracking waits in the outbox, and MLflow gets all of it once it answers.</summary>
public sealed class TrainingTrackingTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly SimulationOptions Cohort = new(Students: 200, Days: 140, Seed: 31) { MaxDegreeOfParallelism = 1 };

    [Fact]
    public async Task A_run_trained_while_mlflow_is_down_appears_complete_in_mlflow_once_it_is_back()
    {
        await using var mlflow = await InMemoryMlflowServer.StartAsync();
        mlflow.SimulateOutage(HttpStatusCode.ServiceUnavailable);
        var connectionString = await postgres.CreateDatabaseAsync("tracking_run");
        await using var trainer = new TrainerFactory(connectionString, mlflow.TrackingUri);
        using var client = trainer.CreateWriteClient();
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString))
        await using (var sink = await PostgresActivitySink.OpenAsync(dataSource, "simulator", CancellationToken.None))
        {
            await new CohortSimulator(Cohort).RunAsync(sink);
        }

        using var queued = await client.PostAsJsonAsync("/api/training/runs", new
        {
            problem = "burnout-daily",
            definition = new { name = "tracking-test", from = Cohort.StartDate.AddDays(28).ToString("yyyy-MM-dd"), to = Cohort.EndDate.ToString("yyyy-MM-dd") },
            candidates = new[] { "gbdt", "logistic" },
        });
        var runId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run_id").GetInt64();
        var run = await WaitForAsync(client, $"/api/training/runs/{runId}", r => r.GetProperty("state").GetString() is "succeeded" or "failed");
        Assert.Equal("succeeded", run.GetProperty("state").GetString());

        // The dispatcher has tried and failed: the calls wait, with the reason.
        var backlog = await WaitForAsync(client, "/api/tracking/outbox", status => status.GetProperty("last_error").ValueKind == JsonValueKind.String);
        Assert.True(backlog.GetProperty("pending").GetInt32() > 0, backlog.ToString());
        Assert.True(backlog.GetProperty("oldest_age_seconds").GetDouble() >= 0);
        Assert.Empty(mlflow.State.Runs);

        mlflow.EndOutage();
        await WaitForAsync(client, "/api/tracking/outbox", status => status.GetProperty("pending").GetInt32() == 0);

        run = await client.GetFromJsonAsync<JsonElement>($"/api/training/runs/{runId}");
        var mlflowRunId = run.GetProperty("mlflow_run_id").GetString()!;
        var stored = mlflow.State.Run(mlflowRunId);
        Assert.Equal("FINISHED", stored.Status);
        Assert.Equal(run.GetProperty("metrics").GetProperty("learner").GetString(), stored.Params["learner"]);
        Assert.True(stored.Tags.ContainsKey("mlflow.source.git.commit"));
        Assert.Contains(stored.Metrics, m => m.Key == "held_out_pr_auc");
        Assert.Equal(28, stored.Metrics.Count(m => m.Key == "lead_time_flagged_on_day_before_onset"));
        var snapshotHash = stored.Tags["burnout.snapshot_sha256"];
        Assert.Contains(stored.Inputs, input => input.Digest == snapshotHash[..32]);
        Assert.Contains(mlflow.State.Artifacts.Keys, path => path.EndsWith("model/model.json", StringComparison.Ordinal));
        var registered = mlflow.State.RegisteredModel("burnout-daily");
        Assert.Equal(["challenger", "champion"], registered.Aliases.Keys.Order());
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string path, Func<JsonElement, bool> done)
    {
        // A bounded wait for background work (training, then the outbox's retry backoff), not a timing assertion.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (true)
        {
            var body = await client.GetFromJsonAsync<JsonElement>(path);
            if (done(body))
            {
                return body;
            }
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting on {path}: {body}");
            await Task.Delay(500);
        }
    }
}
