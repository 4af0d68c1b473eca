namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>One value of a metric, as <c>runs/log-batch</c> carries it. MLflow appends; it never overwrites.</summary>
/// <param name="Timestamp">Unix time in milliseconds.</param>
/// <param name="Step">The training step (round, epoch) the value belongs to.</param>
public sealed record MlflowMetric(string Key, double Value, long Timestamp, long Step = 0)
{
    public static MlflowMetric At(string key, double value, DateTimeOffset time, long step = 0) =>
        new(key, value, time.ToUnixTimeMilliseconds(), step);
}

/// <summary>A run's parameter: written once; MLflow refuses a second, different value for the same key.</summary>
public sealed record MlflowParam(string Key, string Value);

/// <summary>A run tag, or an experiment or run-creation tag: the last value written wins.</summary>
public sealed record MlflowTag(string Key, string Value);
