using System.Text.Json;

namespace Burnout.Hosting.Dashboard;

/// <summary>
/// Counts what an OTLP export request carries, per <c>service.name</c>, without the OTLP protobuf
/// classes: the request shapes are small and stable (opentelemetry-proto v1), so a wire-level walk of the
/// few fields we need is enough. JSON (OTLP/HTTP+JSON) is read with System.Text.Json.
/// </summary>
internal static class OtlpPayloadCounter
{
    // Field numbers from opentelemetry/proto/{trace,metrics,logs}/v1 and common/v1, resource/v1.
    private const int ResourceField = 1;          // Resource{Spans,Metrics,Logs}.resource
    private const int ScopeItemsField = 2;        // Resource*.scope_{spans,metrics,logs}
    private const int ItemsField = 2;             // Scope*.{spans,metrics,log_records}
    private const int AttributesField = 1;        // Resource.attributes
    private const int KeyField = 1;               // KeyValue.key
    private const int ValueField = 2;             // KeyValue.value
    private const int StringValueField = 1;       // AnyValue.string_value
    private const int DataPointsField = 1;        // Gauge/Sum/Histogram/ExponentialHistogram/Summary.data_points
    private static readonly int[] s_metricDataFields = [5, 7, 9, 10, 11];

    private const string ServiceNameKey = "service.name";

    /// <summary>Items per service name; a resource without service.name counts under "".</summary>
    public static Dictionary<string, long> CountProtobuf(OtlpSignal signal, ReadOnlySpan<byte> request)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new ProtobufReader(request);
        while (reader.TryReadField(out var field, out var payload))
        {
            if (field != 1 || reader.LastWireTypeWasNotLengthDelimited)
            {
                continue;
            }
            var serviceName = "";
            long items = 0;
            var resourceItems = new ProtobufReader(payload);
            while (resourceItems.TryReadField(out var resourceField, out var resourcePayload))
            {
                if (resourceField == ResourceField)
                {
                    serviceName = ServiceName(resourcePayload) ?? serviceName;
                }
                else if (resourceField == ScopeItemsField)
                {
                    items += CountScopeItems(signal, resourcePayload);
                }
            }
            counts[serviceName] = counts.GetValueOrDefault(serviceName) + items;
        }
        return counts;
    }

    public static Dictionary<string, long> CountJson(OtlpSignal signal, ReadOnlySpan<byte> request)
    {
        var (resourceKey, scopeKey, itemsKey) = signal switch
        {
            OtlpSignal.Traces => ("resourceSpans", "scopeSpans", "spans"),
            OtlpSignal.Metrics => ("resourceMetrics", "scopeMetrics", "metrics"),
            _ => ("resourceLogs", "scopeLogs", "logRecords"),
        };
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(request.ToArray());
        if (!document.RootElement.TryGetProperty(resourceKey, out var resources))
        {
            return counts;
        }
        foreach (var resource in resources.EnumerateArray())
        {
            var serviceName = "";
            if (resource.TryGetProperty("resource", out var r) && r.TryGetProperty("attributes", out var attributes))
            {
                foreach (var attribute in attributes.EnumerateArray())
                {
                    if (attribute.GetProperty("key").GetString() == ServiceNameKey
                        && attribute.GetProperty("value").TryGetProperty("stringValue", out var value))
                    {
                        serviceName = value.GetString() ?? "";
                    }
                }
            }
            long items = 0;
            if (resource.TryGetProperty(scopeKey, out var scopes))
            {
                foreach (var scope in scopes.EnumerateArray())
                {
                    if (!scope.TryGetProperty(itemsKey, out var scopeItems))
                    {
                        continue;
                    }
                    foreach (var item in scopeItems.EnumerateArray())
                    {
                        items += signal == OtlpSignal.Metrics ? JsonMetricPoints(item) : 1;
                    }
                }
            }
            counts[serviceName] = counts.GetValueOrDefault(serviceName) + items;
        }
        return counts;
    }

    private static long JsonMetricPoints(JsonElement metric)
    {
        foreach (var kind in new[] { "gauge", "sum", "histogram", "exponentialHistogram", "summary" })
        {
            if (metric.TryGetProperty(kind, out var data) && data.TryGetProperty("dataPoints", out var points))
            {
                return points.GetArrayLength();
            }
        }
        return 0;
    }

    private static long CountScopeItems(OtlpSignal signal, ReadOnlySpan<byte> scope)
    {
        long count = 0;
        var reader = new ProtobufReader(scope);
        while (reader.TryReadField(out var field, out var payload))
        {
            if (field != ItemsField)
            {
                continue;
            }
            count += signal == OtlpSignal.Metrics ? CountMetricPoints(payload) : 1;
        }
        return count;
    }

    private static long CountMetricPoints(ReadOnlySpan<byte> metric)
    {
        long count = 0;
        var reader = new ProtobufReader(metric);
        while (reader.TryReadField(out var field, out var payload))
        {
            if (Array.IndexOf(s_metricDataFields, field) < 0)
            {
                continue;
            }
            var data = new ProtobufReader(payload);
            while (data.TryReadField(out var dataField, out _))
            {
                if (dataField == DataPointsField)
                {
                    count++;
                }
            }
        }
        return count;
    }

    private static string? ServiceName(ReadOnlySpan<byte> resource)
    {
        var reader = new ProtobufReader(resource);
        while (reader.TryReadField(out var field, out var keyValue))
        {
            if (field != AttributesField)
            {
                continue;
            }
            string? key = null;
            string? value = null;
            var pair = new ProtobufReader(keyValue);
            while (pair.TryReadField(out var pairField, out var pairPayload))
            {
                if (pairField == KeyField)
                {
                    key = System.Text.Encoding.UTF8.GetString(pairPayload);
                }
                else if (pairField == ValueField)
                {
                    var any = new ProtobufReader(pairPayload);
                    while (any.TryReadField(out var anyField, out var anyPayload))
                    {
                        if (anyField == StringValueField)
                        {
                            value = System.Text.Encoding.UTF8.GetString(anyPayload);
                        }
                    }
                }
            }
            if (key == ServiceNameKey)
            {
                return value;
            }
        }
        return null;
    }
}
