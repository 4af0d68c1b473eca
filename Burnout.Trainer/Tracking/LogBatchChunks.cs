using Burnout.Trainer.Tracking.Mlflow;

namespace Burnout.Trainer.Tracking;

/// <summary>
/// Cuts a <see cref="LogBatch"/> into batches that each fit one <c>runs/log-batch</c> request, before they are
/// enqueued. An outbox entry is then one request: a retry after a failure never resends the part of a batch
/// MLflow had already accepted, and a bad key fails the enqueue, naming the key, instead of the delivery.
/// </summary>
internal static class LogBatchChunks
{
    // MLflow's run ids are 32 hex characters; sizing the chunks with one as long keeps them under 1 MB once it is filled in.
    private static readonly string RunIdOfMlflowLength = new('0', 32);

    public static IReadOnlyList<LogBatch> Split(LogBatch batch)
    {
        var requests = LogBatchSplitter.Split(
            RunIdOfMlflowLength,
            batch.Metrics.Select(m => MlflowMetric.At(m.Key, m.Value, m.Timestamp, m.Step)).ToList(),
            batch.Params.Select(p => new MlflowParam(p.Key, p.Value)).ToList(),
            batch.Tags.Select(t => new MlflowTag(t.Key, t.Value)).ToList());

        return requests.Select(request => new LogBatch(
            request.Metrics.Select(m => new TrackedMetric(m.Key, m.Value, DateTimeOffset.FromUnixTimeMilliseconds(m.Timestamp), m.Step)).ToList(),
            request.Params.ToDictionary(p => p.Key, p => p.Value),
            request.Tags.ToDictionary(t => t.Key, t => t.Value))).ToList();
    }
}
