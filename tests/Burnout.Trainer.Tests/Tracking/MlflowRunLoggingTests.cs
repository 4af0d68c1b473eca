using System.Text.Json;
using Burnout.Trainer.Tracking.Mlflow;

namespace Burnout.Trainer.Tests.Tracking;

public sealed class MlflowRunLoggingTests : MlflowServerTest
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_run_created_logged_and_finished_is_visible_with_its_exact_params_metrics_and_steps()
    {
        var experiment = await Client.GetOrCreateExperimentAsync("burnout-gbdt");
        var run = await Client.CreateRunAsync(experiment.ExperimentId, "gbdt-2026-12-01", Start, [new MlflowTag("burnout.snapshot", "42")]);
        MlflowMetric[] metrics =
        [
            MlflowMetric.At("train/auc", 0.71, Start.AddSeconds(1), step: 0),
            MlflowMetric.At("train/auc", 0.78, Start.AddSeconds(2), step: 1),
            MlflowMetric.At("train/auc", 0.83, Start.AddSeconds(3), step: 2),
            MlflowMetric.At("valid/auc", double.NaN, Start.AddSeconds(3), step: 2),
        ];

        await Client.LogBatchAsync(run.Info.RunId, metrics, [new MlflowParam("learning_rate", "0.05"), new MlflowParam("num_leaves", "31")], [new MlflowTag("stage", "train")]);
        var finished = await Client.UpdateRunAsync(run.Info.RunId, MlflowRunStatus.Finished, Start.AddMinutes(5));
        var read = await Client.GetRunAsync(run.Info.RunId);

        Assert.Equal(MlflowRunStatus.Running, run.Info.Status);
        Assert.Equal(MlflowRunStatus.Finished, finished.Status);
        Assert.Equal(MlflowRunStatus.Finished, read.Info.Status);
        Assert.Equal(Start.ToUnixTimeMilliseconds(), read.Info.StartTime);
        Assert.Equal(Start.AddMinutes(5).ToUnixTimeMilliseconds(), read.Info.EndTime);
        Assert.Equal("gbdt-2026-12-01", read.Info.RunName);
        Assert.Equal(experiment.ExperimentId, read.Info.ExperimentId);
        Assert.Equal(["learning_rate=0.05", "num_leaves=31"], read.Data!.Params!.Select(p => $"{p.Key}={p.Value}").Order());
        Assert.Contains(new MlflowTag("burnout.snapshot", "42"), read.Data.Tags!);
        Assert.Contains(new MlflowTag("stage", "train"), read.Data.Tags!);

        // runs/get shows the latest value of each metric; the server kept the whole history.
        Assert.Equal(0.83, Assert.Single(read.Data.Metrics!, m => m.Key == "train/auc").Value);
        Assert.True(double.IsNaN(Assert.Single(read.Data.Metrics!, m => m.Key == "valid/auc").Value));
        var stored = Server.State.Runs[run.Info.RunId].Metrics;
        Assert.Equal(metrics.Select(m => (m.Key, m.Step, m.Timestamp)), stored.Select(m => (m.Key, m.Step, m.Timestamp)));
        Assert.Equal([0.71, 0.78, 0.83], stored.Where(m => m.Key == "train/auc").Select(m => m.Value));
    }

    [Fact]
    public async Task A_large_batch_arrives_complete_and_in_order_in_requests_within_MLflows_limits()
    {
        var run = await StartRunAsync();
        var metrics = Enumerable.Range(0, 2500).Select(i => MlflowMetric.At($"loss/{i % 3}", i / 10.0, Start.AddMilliseconds(i), step: i)).ToList();
        var parameters = Enumerable.Range(0, 150).Select(i => new MlflowParam($"p{i}", new string('v', 5000))).ToList();
        var tags = Enumerable.Range(0, 120).Select(i => new MlflowTag($"t{i}", new string('t', 7000))).ToList();

        var sent = await Client.LogBatchAsync(run.Info.RunId, metrics, parameters, tags);

        var batches = Server.Received.Where(r => r.Path.EndsWith("runs/log-batch", StringComparison.Ordinal)).ToList();
        Assert.Equal(sent, batches.Count);
        Assert.All(batches, batch =>
        {
            Assert.Equal(200, batch.Status);
            Assert.True(batch.Body.Length <= MlflowLimits.BatchRequestBytes);
            using var json = JsonDocument.Parse(batch.Body);
            var counts = new[] { "metrics", "params", "tags" }.Select(field => json.RootElement.GetProperty(field).GetArrayLength()).ToArray();
            Assert.InRange(counts[0], 0, 1000);
            Assert.InRange(counts[1], 0, 100);
            Assert.InRange(counts[2], 0, 100);
            Assert.InRange(counts.Sum(), 1, 1000);
        });

        var stored = Server.State.Runs[run.Info.RunId];
        Assert.Equal(metrics.Select(m => (m.Key, m.Value, m.Step)), stored.Metrics.Select(m => (m.Key, m.Value, m.Step)));
        Assert.Equal(150, stored.Params.Count);
        Assert.Equal(120, stored.Tags.Keys.Count(k => k.StartsWith('t')));
    }

    [Theory]
    [InlineData("metric")]
    [InlineData("param")]
    [InlineData("tag")]
    public async Task An_over_long_key_is_refused_by_name_before_any_request(string kind)
    {
        var run = await StartRunAsync();
        var key = "k" + new string('x', MlflowLimits.KeyLength);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => kind switch
        {
            "metric" => Client.LogBatchAsync(run.Info.RunId, metrics: [.. Fine(), MlflowMetric.At(key, 1, Start)]),
            "param" => Client.LogBatchAsync(run.Info.RunId, metrics: Fine(), parameters: [new MlflowParam(key, "1")]),
            _ => Client.LogBatchAsync(run.Info.RunId, metrics: Fine(), tags: [new MlflowTag(key, "1")]),
        });

        Assert.Contains(key, error.Message);
        Assert.Equal(0, RequestsTo("runs/log-batch"));

        // A valid first part would fit in the first request: nothing of it may be sent either.
        static List<MlflowMetric> Fine() => Enumerable.Range(0, 1500).Select(i => MlflowMetric.At("ok", i, Start, i)).ToList();
    }

    [Fact]
    public async Task Over_long_values_and_a_param_given_twice_are_refused_before_any_request()
    {
        var run = await StartRunAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Client.LogBatchAsync(run.Info.RunId, parameters: [new MlflowParam("p", new string('v', MlflowLimits.ParamValueLength + 1))]));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.LogBatchAsync(run.Info.RunId, tags: [new MlflowTag("t", new string('v', MlflowLimits.TagValueLength + 1))]));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.LogBatchAsync(run.Info.RunId, parameters: [new MlflowParam("p", "1"), new MlflowParam("p", "2")]));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.LogBatchAsync(run.Info.RunId, metrics: [MlflowMetric.At("../escape", 1, Start)]));

        Assert.Equal(0, RequestsTo("runs/log-batch"));
        await Client.LogBatchAsync(run.Info.RunId, parameters: [new MlflowParam("p", new string('v', MlflowLimits.ParamValueLength))]);
        Assert.Equal(MlflowLimits.ParamValueLength, Server.State.Runs[run.Info.RunId].Params["p"].Length);
    }

    [Fact]
    public async Task Log_inputs_carries_the_dataset_digest_and_its_context()
    {
        var run = await StartRunAsync();
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("snapshot 42"u8));
        var dataset = new MlflowDataset("burnout-daily-13", sha256[..32], "postgres", """{"snapshot_id":42}""", Profile: $$"""{"rows":1200,"sha256":"{{sha256}}"}""");

        await Client.LogInputsAsync(run.Info.RunId, [MlflowDatasetInput.ForContext(dataset, "training")]);
        var read = await Client.GetRunAsync(run.Info.RunId);

        var input = Assert.Single(read.Inputs!.DatasetInputs!);
        Assert.Equal(dataset, input.Dataset);
        Assert.Equal(new MlflowInputTag("mlflow.data.context", "training"), Assert.Single(input.Tags!));
        Assert.Equal(sha256[..32], Assert.Single(Server.State.Runs[run.Info.RunId].Inputs).Digest);
    }

    [Fact]
    public async Task A_full_sha256_is_too_long_for_an_MLflow_digest_and_is_refused_before_sending()
    {
        var run = await StartRunAsync();
        var sha256 = new string('a', 64);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.LogInputsAsync(run.Info.RunId, [MlflowDatasetInput.ForContext(new MlflowDataset("d", sha256, "postgres", "{}"), "training")]));

        Assert.Contains("digest", error.Message);
        Assert.Equal(0, RequestsTo("runs/log-inputs"));
    }
}
