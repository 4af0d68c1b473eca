using System.Net;
using Burnout.Testing;
using Burnout.Trainer.Tracking;
using Burnout.Trainer.Tracking.Mlflow;

namespace Burnout.Trainer.Tests.Tracking.Outbox;

public sealed class OutboxIdempotenceTests(PostgresFixture postgres) : OutboxTest(postgres)
{
    // Each delivered entry of a whole run, and the request that delivers it.
    private static readonly (string Method, string Path)[] OneRequestPerEntry =
    [
        ("POST", "runs/create"), ("POST", "runs/log-batch"), ("POST", "runs/log-inputs"), ("PUT", "model/model.json"),
        ("POST", "runs/update"), ("POST", "model-versions/create"), ("POST", "registered-models/alias"),
    ];

    [Fact]
    public async Task Passes_run_again_and_by_a_new_dispatcher_send_nothing_twice()
    {
        await EnqueueWholeRunAsync();

        await Dispatcher().DeliverPendingAsync(CancellationToken.None);
        var again = await Dispatcher().DeliverPendingAsync(CancellationToken.None);
        await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        Assert.Equal(new OutboxPass(0, 0, null), again);
        AssertEachEntrySentOnce();
    }

    [Fact]
    public async Task An_outage_in_the_middle_of_a_run_still_sends_each_call_once()
    {
        var calls = RunCalls();
        await Outbox.EnqueueAsync(RunKey, calls.Take(2).ToList(), CancellationToken.None);
        var dispatcher = Dispatcher();
        await dispatcher.DeliverPendingAsync(CancellationToken.None);

        Server.SimulateOutage(HttpStatusCode.ServiceUnavailable);
        await Outbox.EnqueueAsync(RunKey, calls.Skip(2).ToList(), CancellationToken.None);
        await Outbox.EnqueueAsync(RegistryKey, [new SetModelAlias(ModelName, "champion", LocalVersion: 7)], CancellationToken.None);
        await dispatcher.DeliverPendingAsync(CancellationToken.None);
        await dispatcher.DeliverPendingAsync(CancellationToken.None);
        Server.EndOutage();
        await dispatcher.DeliverPendingAsync(CancellationToken.None);

        AssertEachEntrySentOnce();
        Assert.Equal(0, (await Outbox.GetStatusAsync(CancellationToken.None)).Pending);
    }

    [Fact]
    public async Task Two_dispatchers_at_once_never_send_the_same_entry()
    {
        await EnqueueWholeRunAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Dispatcher().DeliverPendingAsync(CancellationToken.None)));
        await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        AssertEachEntrySentOnce();
    }

    [Fact]
    public async Task A_StartRun_whose_answer_was_lost_finds_its_run_instead_of_creating_another()
    {
        // MLflow created the run, but its answer never reached us: the entry is still pending.
        var client = new MlflowClient(Server.CreateHttpClient());
        var experiment = await client.GetOrCreateExperimentAsync("burnout");
        var lost = await client.CreateRunAsync(experiment.ExperimentId, "lightgbm-42", DateTimeOffset.UtcNow, [new MlflowTag(MlflowCallSender.RunKeyTag, RunKey)]);
        await EnqueueWholeRunAsync();

        await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        Assert.Single(Server.State.Runs);
        Assert.Equal(1, Accepted("runs/create"));
        var run = TheRun();
        Assert.Equal(lost.Info.RunId, run.RunId);
        Assert.Equal("0.05", run.Params["learning_rate"]);
        Assert.Equal("FINISHED", run.Status);
    }

    [Fact]
    public async Task A_model_version_already_mapped_is_not_registered_again()
    {
        await EnqueueWholeRunAsync();
        await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        // A promotion later, outside the run, names the same local version again.
        await Outbox.EnqueueAsync(RunKey, [new RegisterModelVersion(ModelName, "model", LocalVersion: 7)], CancellationToken.None);
        await Outbox.EnqueueAsync(RegistryKey, [new SetModelAlias(ModelName, "challenger", LocalVersion: 7)], CancellationToken.None);
        await Dispatcher().DeliverPendingAsync(CancellationToken.None);

        var model = Server.State.RegisteredModels[ModelName];
        Assert.Single(model.Versions);
        Assert.Equal(model.Aliases["champion"], model.Aliases["challenger"]);
    }

    private void AssertEachEntrySentOnce()
    {
        foreach (var (method, path) in OneRequestPerEntry)
        {
            Assert.True(Accepted(path, method) == 1, $"{method} {path} was accepted {Accepted(path, method)} times.");
        }

        Assert.Single(Server.State.Runs);
        Assert.Equal(2, TheRun().Metrics.Count);
    }
}
