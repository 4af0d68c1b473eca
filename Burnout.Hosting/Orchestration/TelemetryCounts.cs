namespace Burnout.Hosting.Orchestration;

/// <summary>How many spans, metric data points and log records a resource has sent over OTLP.</summary>
public sealed record TelemetryCounts(long Spans, long MetricPoints, long LogRecords);
