namespace Burnout.AppHost.Restarts;

/// <summary>
/// How long to wait before restarting a crashed resource: doubling from <see cref="Initial"/> up to
/// <see cref="Maximum"/>, so that a service that crashes at start-up does not spin, while one that crashed
/// once after running well for <see cref="StableAfter"/> comes back at once.
/// </summary>
public sealed class RestartBackoff(TimeSpan initial, TimeSpan maximum, TimeSpan stableAfter)
{
    private int _consecutiveFailures;

    /// <summary>1 s, doubling to 30 s; a run of a minute or more counts as recovered.</summary>
    public RestartBackoff() : this(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1))
    {
    }

    public TimeSpan Initial { get; } = initial;

    public TimeSpan Maximum { get; } = maximum;

    public TimeSpan StableAfter { get; } = stableAfter;

    /// <summary>The delay before the next start, given how long the last run lasted.</summary>
    public TimeSpan NextDelay(TimeSpan lastRunDuration)
    {
        if (lastRunDuration >= StableAfter)
        {
            _consecutiveFailures = 0;
        }
        _consecutiveFailures++;

        // Cap the exponent so that the arithmetic cannot overflow however long it keeps failing.
        var delay = Initial * Math.Pow(2, Math.Min(_consecutiveFailures - 1, 30));
        return delay < Maximum ? delay : Maximum;
    }
}
