using Burnout.Testing;
using Burnout.Trainer.Tracking;

namespace Burnout.Trainer.Tests.Tracking.Outbox;

public sealed class OutboxFailureTests(PostgresFixture postgres) : OutboxTest(postgres)
{
    [Fact]
    public async Task A_call_MLflow_refuses_is_marked_failed_and_reported_and_the_calls_behind_it_still_go()
    {
        var empty = new Dictionary<string, string>();
        await Outbox.EnqueueAsync(RunKey,
        [
            RunCalls()[0],
            new LogBatch([], new Dictionary<string, string> { ["learning_rate"] = "0.05" }, empty),
            new LogBatch([], new Dictionary<string, string> { ["learning_rate"] = "0.1" }, empty), // MLflow never changes a param
            new LogBatch([new TrackedMetric("pr_auc", 0.64, Start, 1)], empty, empty),
            new FinishRun(Succeeded: false, Start.AddMinutes(1)),
        ], CancellationToken.None);

        var pass = await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        Assert.Equal(new OutboxPass(Delivered: 4, Failed: 1, BlockedBy: null), pass);
        var status = await Outbox.GetStatusAsync(CancellationToken.None);
        Assert.Equal(0, status.Pending);
        Assert.Contains("failed for good", status.LastError);
        Assert.Contains("INVALID_PARAMETER_VALUE", status.LastError);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tracking_outbox WHERE state = 'failed' AND call->'params'->>'learning_rate' = '0.1'"));

        var run = TheRun();
        Assert.Equal("0.05", run.Params["learning_rate"]);
        Assert.Equal(0.64, Assert.Single(run.Metrics).Value);
        Assert.Equal("FAILED", run.Status);
    }

    [Fact]
    public async Task Calls_for_a_run_that_was_never_started_fail_without_blocking_other_runs()
    {
        await Outbox.EnqueueAsync("training-run-41", [new FinishRun(Succeeded: true, Start)], CancellationToken.None);
        await Outbox.EnqueueAsync(RunKey, RunCalls().Take(2).ToList(), CancellationToken.None);

        var pass = await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        Assert.Equal(new OutboxPass(Delivered: 2, Failed: 1, BlockedBy: null), pass);
        Assert.Contains("'training-run-41' has no MLflow run", (await Outbox.GetStatusAsync(CancellationToken.None)).LastError);
        Assert.Equal(2, TheRun().Metrics.Count);
    }

    [Fact]
    public async Task A_key_MLflow_would_refuse_fails_the_enqueue_and_nothing_is_enqueued()
    {
        var bad = new LogBatch([new TrackedMetric("pr auc?", 1, Start, 0)], new Dictionary<string, string>(), new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Outbox.EnqueueAsync(RunKey, [RunCalls()[0], bad], CancellationToken.None));

        Assert.Contains("pr auc?", error.Message);
        Assert.Equal(0, (await Outbox.GetStatusAsync(CancellationToken.None)).Pending);
    }
}
