using System.Text;
using System.Text.Json.Nodes;
using Burnout.Testing;
using Burnout.Trainer.Tracking;

namespace Burnout.Trainer.Tests.Tracking.Outbox;

public sealed class OutboxOrderTests(PostgresFixture postgres) : OutboxTest(postgres)
{
    [Fact]
    public async Task A_runs_calls_arrive_in_the_order_they_were_enqueued_and_all_of_them_are_recorded()
    {
        await EnqueueWholeRunAsync();

        var pass = await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        Assert.Equal(new OutboxPass(Delivered: 7, Failed: 0, BlockedBy: null), pass);
        var calls = Server.Received.Where(r => r.Status is >= 200 and < 300).Select(r => $"{r.Method} {r.Path}")
            .Where(call => !call.Contains("experiments/", StringComparison.Ordinal) && !call.Contains("runs/search", StringComparison.Ordinal) && !call.Contains("registered-models/create", StringComparison.Ordinal))
            .ToList();
        Assert.Collection(calls,
            call => Assert.EndsWith("runs/create", call),
            call => Assert.EndsWith("runs/log-batch", call),
            call => Assert.EndsWith("runs/log-inputs", call),
            call => Assert.StartsWith("PUT /api/2.0/mlflow-artifacts/artifacts/", call),
            call => Assert.EndsWith("runs/update", call),
            call => Assert.EndsWith("model-versions/create", call),
            call => Assert.EndsWith("registered-models/alias", call));

        var run = TheRun();
        Assert.Equal("lightgbm-42", run.RunName);
        Assert.Equal("lightgbm", run.Tags["trainer"]);
        Assert.Equal("search", run.Tags["stage"]);
        Assert.Equal(new Dictionary<string, string> { ["learning_rate"] = "0.05", ["num_leaves"] = "31" }, run.Params);
        Assert.Equal([0.61, 0.64], run.Metrics.Select(m => m.Value));
        Assert.Equal("FINISHED", run.Status);
        Assert.Equal("{\"trees\":[]}", Encoding.UTF8.GetString(Server.State.Artifacts[$"{run.ExperimentId}/{run.RunId}/artifacts/model/model.json"]));

        var model = Server.State.RegisteredModels[ModelName];
        var version = Assert.Single(model.Versions);
        Assert.Equal($"{run.ArtifactUri}/model", version.Source);
        Assert.Equal(run.RunId, version.RunId);
        Assert.Equal(version.Version, model.Aliases["champion"]);

        Assert.Equal(new OutboxStatus(0, null, null), await Outbox.GetStatusAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_full_sha256_digest_is_shortened_for_MLflow_and_kept_whole_in_the_profile()
    {
        await EnqueueWholeRunAsync();

        await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        var input = Assert.Single(TheRun().Inputs);
        Assert.Equal(DatasetHash[..32], input.Digest);
        var profile = JsonNode.Parse(input.Profile!)!.AsObject();
        Assert.Equal(DatasetHash, (string?)profile["sha256"]);
        Assert.Equal(7200, (int?)profile["rows"]);
        Assert.Equal("training", input.Tags["mlflow.data.context"]);
    }

    [Fact]
    public async Task A_metric_batch_too_large_for_one_request_becomes_several_entries_in_order()
    {
        var metrics = Enumerable.Range(0, 2500).Select(step => new TrackedMetric("loss", 1.0 / (step + 1), Start.AddSeconds(step), step)).ToList();
        await Outbox.EnqueueAsync(RunKey, [RunCalls()[0], new LogBatch(metrics, new Dictionary<string, string>(), new Dictionary<string, string>())], CancellationToken.None);

        Assert.Equal(4, (await Outbox.GetStatusAsync(CancellationToken.None)).Pending);
        await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        Assert.Equal(3, Accepted("runs/log-batch"));
        Assert.Equal(Enumerable.Range(0, 2500).Select(step => (long)step), TheRun().Metrics.Select(m => m.Step));
    }
}
