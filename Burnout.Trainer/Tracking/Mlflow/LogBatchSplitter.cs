using System.Text.Json;

namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>
/// Cuts one logical batch into <c>runs/log-batch</c> requests that MLflow accepts: at most 1000 metrics, 100
/// params, 100 tags and 1000 entities in all, and at most 1 MB of JSON each. Metrics keep their order across
/// requests (MLflow keeps the order within a request), so a metric's history arrives as it was logged.
/// Everything is validated first, so a bad entry fails the whole batch before any request is sent.
/// </summary>
internal static class LogBatchSplitter
{
    public static IReadOnlyList<LogBatchRequest> Split(
        string runId, IReadOnlyList<MlflowMetric> metrics, IReadOnlyList<MlflowParam> parameters, IReadOnlyList<MlflowTag> tags)
    {
        Validate(metrics, parameters, tags);

        var emptyBytes = JsonSerializer.SerializeToUtf8Bytes(new LogBatchRequest(runId, [], [], []), MlflowJson.Default.LogBatchRequest).Length;
        var chunks = new List<Chunk> { new(emptyBytes) };

        // The last chunk if it has room for one more of this kind and this many bytes, else a new one.
        Chunk RoomFor(Func<Chunk, bool> hasRoomOfKind, int bytes)
        {
            var last = chunks[^1];
            if (!hasRoomOfKind(last) || !last.Fits(bytes))
            {
                last = new Chunk(emptyBytes);
                chunks.Add(last);
            }

            last.Reserve(bytes);
            return last;
        }

        foreach (var param in parameters)
        {
            RoomFor(c => c.Params.Count < MlflowLimits.ParamsPerBatch, SizeOf(param, MlflowJson.Default.MlflowParam)).Params.Add(param);
        }

        foreach (var tag in tags)
        {
            RoomFor(c => c.Tags.Count < MlflowLimits.TagsPerBatch, SizeOf(tag, MlflowJson.Default.MlflowTag)).Tags.Add(tag);
        }

        foreach (var metric in metrics)
        {
            RoomFor(c => c.Metrics.Count < MlflowLimits.MetricsPerBatch, SizeOf(metric, MlflowJson.Default.MlflowMetric)).Metrics.Add(metric);
        }

        return chunks.Where(chunk => chunk.Count > 0).Select(chunk => new LogBatchRequest(runId, chunk.Metrics, chunk.Params, chunk.Tags)).ToList();
    }

    private static void Validate(IReadOnlyList<MlflowMetric> metrics, IReadOnlyList<MlflowParam> parameters, IReadOnlyList<MlflowTag> tags)
    {
        foreach (var metric in metrics)
        {
            MlflowNames.ValidateKey(metric.Key, "metric");
            if (metric.Timestamp < 0)
            {
                throw new ArgumentException($"The metric '{metric.Key}' has a negative timestamp ({metric.Timestamp}); MLflow refuses it.");
            }
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var param in parameters)
        {
            MlflowNames.ValidateKey(param.Key, "param");
            MlflowNames.ValidateLength(param.Value, MlflowLimits.ParamValueLength, "value", param.Key);

            // MLflow refuses a key twice in one request, and a second value in another: either way a bug upstream.
            if (!seen.TryAdd(param.Key, param.Value))
            {
                throw new ArgumentException($"The param '{param.Key}' is given twice; a run's param has one value.");
            }
        }

        foreach (var tag in tags)
        {
            ValidateTag(tag);
        }
    }

    public static void ValidateTag(MlflowTag tag)
    {
        MlflowNames.ValidateKey(tag.Key, "tag");
        MlflowNames.ValidateLength(tag.Value, MlflowLimits.TagValueLength, "value", tag.Key);
    }

    private static int SizeOf<T>(T entity, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToUtf8Bytes(entity, type).Length + 1; // and the comma that separates it

    private sealed class Chunk(int emptyBytes)
    {
        private int _bytes = emptyBytes;

        public List<MlflowMetric> Metrics { get; } = [];
        public List<MlflowParam> Params { get; } = [];
        public List<MlflowTag> Tags { get; } = [];
        public int Count { get; private set; }

        public bool Fits(int bytes) => Count < MlflowLimits.EntitiesPerBatch && _bytes + bytes <= MlflowLimits.BatchRequestBytes;

        public void Reserve(int bytes)
        {
            Count++;
            _bytes += bytes;
        }
    }
}
