namespace Burnout.Hosting.Dashboard;

/// <summary>The three OTLP signals and the counted item of each: spans, metric data points, log records.</summary>
internal enum OtlpSignal
{
    Traces,
    Metrics,
    Logs,
}
