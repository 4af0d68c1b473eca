using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Burnout.Data.Bulk;
using Burnout.Features.Simulation;
using Burnout.Testing;

namespace Burnout.Trainer.Tests.Runs;

/// <summary>The training API end to end: a run queued over HTTP is trained, registered, promoted or refused, and shown.</summary>
public sealed class TrainingApiTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly SimulationOptions Cohort = new(Students: 240, Days: 150, Seed: 23) { MaxDegreeOfParallelism = 1 };

    private static object Definition => new
    {
        name = "api-test",
        from = Cohort.StartDate.AddDays(28).ToString("yyyy-MM-dd"),
        to = Cohort.EndDate.ToString("yyyy-MM-dd"),
    };

    private async Task<TrainerFactory> TrainerWithCohortAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("training");
        var factory = new TrainerFactory(connectionString);
        using (factory.CreateClient())
        {
            // Creating a client starts the trainer, which migrates the schema; then the cohort goes in.
        }
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var sink = await PostgresActivitySink.OpenAsync(dataSource, "simulator", CancellationToken.None);
        await new CohortSimulator(Cohort).RunAsync(sink);
        return factory;
    }

    [Fact]
    public async Task A_queued_run_trains_every_candidate_and_its_best_becomes_the_first_champion_then_the_gate_and_manual_changes_are_recorded()
    {
        await using var trainer = await TrainerWithCohortAsync();
        using var client = trainer.CreateWriteClient();

        var first = await QueueAndWaitAsync(client, new { problem = "burnout-daily", definition = Definition });

        Assert.Equal("succeeded", first.GetProperty("state").GetString());
        Assert.Equal(100, first.GetProperty("progress").GetDouble());
        Assert.Equal(1, first.GetProperty("model_version").GetInt32());
        Assert.Equal(["gbdt", "logistic", "forest", "lightgbm"], first.GetProperty("comparison").EnumerateArray().Select(c => c.GetProperty("learner").GetString()));
        Assert.Contains(first.GetProperty("log").EnumerateArray(), line => line.GetString()!.StartsWith("Promoted version 1 to champion", StringComparison.Ordinal));
        Assert.InRange(first.GetProperty("metrics").GetProperty("lead_time").GetProperty("flagged_in_window").GetDouble(), 0, 1);

        // The same snapshot and seed again: an identical model cannot beat the champion by the margin.
        var snapshotId = first.GetProperty("snapshot_id").GetInt64();
        var second = await QueueAndWaitAsync(client, new { problem = "burnout-daily", snapshot_id = snapshotId, candidates = new[] { "gbdt" } });
        Assert.Equal(2, second.GetProperty("model_version").GetInt32());

        var versions = await client.GetFromJsonAsync<JsonElement>("/api/models?problem=burnout-daily");
        Assert.Equal(["challenger"], Aliases(versions, 2));
        Assert.Equal(["champion"], Aliases(versions, 1));

        using var promote = await client.PostAsJsonAsync("/api/models/burnout-daily/2/promote", new { reason = "reviewed by hand", requested_by = "mlops@example.org" });
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        using var rollback = await client.PostAsJsonAsync("/api/models/burnout-daily/rollback", new { reason = "advisors saw odd scores" });
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal(1, (await rollback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("champion").GetInt32());

        var history = (await client.GetFromJsonAsync<JsonElement>("/api/models/burnout-daily/history")).EnumerateArray().ToList();
        Assert.Equal(["first", "gate", "manual", "rollback"], history.Select(h => h.GetProperty("kind").GetString()));
        Assert.Equal([true, false, true, true], history.Select(h => h.GetProperty("accepted").GetBoolean()));
        Assert.StartsWith("mlops@example.org (via training-client)", history[2].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Writes_need_an_api_key()
    {
        await using var trainer = new TrainerFactory(await postgres.CreateDatabaseAsync("training_auth"));
        using var anonymous = trainer.CreateClient();

        using var run = await anonymous.PostAsJsonAsync("/api/training/runs", new { problem = "burnout-daily", snapshot_id = 1 });
        using var promote = await anonymous.PostAsJsonAsync("/api/models/burnout-daily/1/promote", new { reason = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, run.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, promote.StatusCode);
        Assert.Equal("application/problem+json", run.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"problem": "churn", "snapshot_id": 1}""", "problem")]
    [InlineData("""{"snapshot_id": 1}""", "problem")]
    [InlineData("""{"problem": "burnout-daily"}""", "snapshot_id")]
    [InlineData("""{"problem": "burnout-daily", "snapshot_id": 999999}""", "snapshot_id")]
    [InlineData("""{"problem": "burnout-daily", "definition": {"name": "", "from": "2025-01-02", "to": "2025-01-01"}}""", "definition.to")]
    [InlineData("""{"problem": "burnout-daily", "snapshot_id": 1, "candidates": ["xgboost"]}""", "candidates")]
    [InlineData("""{"problem": "burnout-daily", "snapshot_id": 1, "candidates": []}""", "candidates")]
    public async Task A_bad_run_request_is_a_problem_that_names_the_field(string body, string field)
    {
        await using var trainer = new TrainerFactory(await postgres.CreateDatabaseAsync("training_bad"));
        using var client = trainer.CreateWriteClient();

        using var response = await client.PostAsync("/api/training/runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Rolling_back_without_an_earlier_champion_is_a_conflict_and_promoting_a_missing_version_is_not_found()
    {
        await using var trainer = new TrainerFactory(await postgres.CreateDatabaseAsync("training_none"));
        using var client = trainer.CreateWriteClient();

        using var rollback = await client.PostAsJsonAsync("/api/models/burnout-daily/rollback", new { reason = "why not" });
        using var promote = await client.PostAsJsonAsync("/api/models/burnout-daily/7/promote", new { reason = "why not" });
        using var noReason = await client.PostAsJsonAsync("/api/models/burnout-daily/7/promote", new { reason = " " });

        Assert.Equal(HttpStatusCode.Conflict, rollback.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, promote.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
    }

    private static async Task<JsonElement> QueueAndWaitAsync(HttpClient client, object request)
    {
        using var queued = await client.PostAsJsonAsync("/api/training/runs", request);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var runId = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run_id").GetInt64();

        // A bounded wait for the worker, not a timing assertion.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/training/runs/{runId}");
            var state = run.GetProperty("state").GetString();
            if (state is "succeeded" or "failed" || DateTime.UtcNow > deadline)
            {
                Assert.True(state == "succeeded", $"run {runId} ended {state}: {run}");
                return run;
            }
            await Task.Delay(500);
        }
    }

    private static string[] Aliases(JsonElement versions, int version) =>
        [.. versions.EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == version).GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!)];
}
