using Burnout.Hosting.Orchestration;

namespace Burnout.Hosting.Tests;

public sealed class RestartBackoffTests
{
    private static readonly TimeSpan s_crashAtStart = TimeSpan.Zero;

    [Fact]
    public void Delay_doubles_from_the_initial_value_and_stops_at_the_maximum()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay(s_crashAtStart).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void Delay_never_exceeds_the_maximum_however_long_it_keeps_failing()
    {
        var backoff = new RestartBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));

        for (var i = 0; i < 1000; i++)
        {
            var delay = backoff.NextDelay(s_crashAtStart);
            Assert.InRange(delay, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void A_run_that_lasted_past_the_stable_threshold_starts_over_at_the_initial_delay()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        backoff.NextDelay(s_crashAtStart);
        backoff.NextDelay(s_crashAtStart);
        Assert.Equal(TimeSpan.FromSeconds(4), backoff.NextDelay(TimeSpan.FromSeconds(59)));

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay(TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Reset_starts_over()
    {
        var backoff = new RestartBackoff();
        backoff.NextDelay(s_crashAtStart);
        backoff.NextDelay(s_crashAtStart);

        backoff.Reset();

        Assert.Equal(backoff.Initial, backoff.NextDelay(s_crashAtStart));
    }
}
