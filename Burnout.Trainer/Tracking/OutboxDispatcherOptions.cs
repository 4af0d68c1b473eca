namespace Burnout.Trainer.Tracking;

/// <summary>How often the dispatcher looks for work and how it backs off while MLflow fails.</summary>
/// <param name="FirstRetryDelay">The wait after the first transient failure; it doubles with each failure in a row. Default 1 s.</param>
/// <param name="MaxRetryDelay">The longest wait between attempts. Default 60 s.</param>
/// <param name="PollInterval">How often an idle dispatcher looks for new entries. Default 2 s.</param>
/// <param name="BatchSize">How many entries one read of the outbox takes. Default 100.</param>
public sealed record OutboxDispatcherOptions(TimeSpan FirstRetryDelay, TimeSpan MaxRetryDelay, TimeSpan PollInterval, int BatchSize = 100)
{
    public static OutboxDispatcherOptions Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2));

    /// <summary>The wait after <paramref name="failuresInARow"/> transient failures (1 or more).</summary>
    public TimeSpan RetryDelay(int failuresInARow)
    {
        var doublings = Math.Min(failuresInARow - 1, 30);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
