using System.Net;
using Burnout.Testing;
using Burnout.Trainer.Tracking;
using Microsoft.Extensions.Logging.Abstractions;

namespace Burnout.Trainer.Tests.Tracking.Outbox;

public sealed class OutboxOutageTests(PostgresFixture postgres) : OutboxTest(postgres)
{
    [Fact]
    public async Task While_MLflow_answers_503_nothing_moves_and_the_status_says_so_then_everything_arrives()
    {
        Server.SimulateOutage(HttpStatusCode.ServiceUnavailable);
        await EnqueueWholeRunAsync();
        var dispatcher = Dispatcher();

        var first = await dispatcher.DeliverPendingAsync(CancellationToken.None);
        var second = await dispatcher.DeliverPendingAsync(CancellationToken.None);

        Assert.Equal(0, first.Delivered + second.Delivered);
        Assert.Contains("TEMPORARILY_UNAVAILABLE", second.BlockedBy);
        var status = await Outbox.GetStatusAsync(CancellationToken.None);
        Assert.Equal(7, status.Pending);
        Assert.True(status.OldestAgeSeconds >= 0);
        Assert.Contains("attempt 2", status.LastError);
        Assert.Contains("StartRun", status.LastError);
        Assert.Empty(Server.State.Runs);

        Server.EndOutage();
        var recovered = await dispatcher.DeliverPendingAsync(CancellationToken.None);

        Assert.Equal(7, recovered.Delivered);
        Assert.Equal(new OutboxStatus(0, null, null), await Outbox.GetStatusAsync(CancellationToken.None));
        Assert.Equal("FINISHED", TheRun().Status);
        Assert.Equal(1, Accepted("registered-models/alias"));
    }

    [Fact]
    public async Task While_MLflow_is_stopped_nothing_moves_then_after_the_restart_everything_arrives()
    {
        await Server.StopAsync();
        await EnqueueWholeRunAsync();
        var dispatcher = Dispatcher();

        var blocked = await dispatcher.DeliverPendingAsync(CancellationToken.None);

        Assert.Equal(0, blocked.Delivered);
        Assert.Contains("did not answer", blocked.BlockedBy);
        var status = await Outbox.GetStatusAsync(CancellationToken.None);
        Assert.Equal(7, status.Pending);
        Assert.NotNull(status.OldestAgeSeconds);
        Assert.Contains("did not answer", status.LastError);

        await Server.RestartAsync();
        var recovered = await dispatcher.DeliverPendingAsync(CancellationToken.None);

        Assert.Equal(7, recovered.Delivered);
        Assert.Equal(0, (await Outbox.GetStatusAsync(CancellationToken.None)).Pending);
        Assert.Equal(2, TheRun().Metrics.Count);
    }

    [Fact]
    public async Task The_background_dispatcher_retries_through_an_outage_until_the_outbox_is_empty()
    {
        Server.SimulateOutage(HttpStatusCode.BadGateway);
        await EnqueueWholeRunAsync();
        var dispatcher = Dispatcher();
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(() => Server.Received.Count(r => r.Status == 502) >= 3);
            Assert.Equal(7, (await Outbox.GetStatusAsync(CancellationToken.None)).Pending);

            Server.EndOutage();
            await WaitUntilAsync(() => Accepted("registered-models/alias") == 1);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }

        Assert.Equal(new OutboxStatus(0, null, null), await Outbox.GetStatusAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Without_MLflow_configured_calls_are_kept_and_nothing_is_sent()
    {
        await EnqueueWholeRunAsync();
        var dispatcher = new OutboxDispatcher(DataSource, Outbox, createClient: null, FastOptions, TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);

        var pass = await dispatcher.DeliverPendingAsync(CancellationToken.None);
        await dispatcher.StartAsync(CancellationToken.None);
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.Contains("MLFLOW_TRACKING_URI", pass.BlockedBy);
        Assert.Equal(7, (await Outbox.GetStatusAsync(CancellationToken.None)).Pending);
        Assert.Empty(Server.Received);
    }

    /// <summary>A bounded wait for the background loop: polls, and fails after 30 s rather than hanging.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
