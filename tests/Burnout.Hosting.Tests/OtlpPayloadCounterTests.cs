using System.Text;
using Burnout.Hosting.Dashboard;

namespace Burnout.Hosting.Tests;

/// <summary>Requests are built field by field from the opentelemetry-proto v1 definitions.</summary>
public sealed class OtlpPayloadCounterTests
{
    [Fact]
    public void Counts_spans_per_service_name_in_a_protobuf_trace_export()
    {
        var request = Message(
            Field(1, ResourceWithItems("api", scopes: [[Span(), Span()], [Span()]])),
            Field(1, ResourceWithItems("web", scopes: [[Span()]])),
            Field(1, ResourceWithItems("api", scopes: [[Span()]])));

        var counts = OtlpPayloadCounter.CountProtobuf(OtlpSignal.Traces, request);

        Assert.Equal(4, counts["api"]);
        Assert.Equal(1, counts["web"]);
    }

    [Fact]
    public void Counts_metric_data_points_whatever_the_metric_kind()
    {
        // Metric: gauge = 5, sum = 7, histogram = 9; each holds repeated data_points = 1.
        var gauge = Message(Field(1, Encoding.UTF8.GetBytes("g")), Field(5, Message(Field(1, []), Field(1, []))));
        var sum = Message(Field(7, Message(Field(1, []), Field(1, []), Field(1, []))));
        var histogram = Message(Field(9, Message(Field(1, []))));
        var request = Message(Field(1, ResourceWithItems("monitor", scopes: [[gauge, sum], [histogram]])));

        var counts = OtlpPayloadCounter.CountProtobuf(OtlpSignal.Metrics, request);

        Assert.Equal(6, counts["monitor"]);
    }

    [Fact]
    public void A_resource_without_service_name_counts_under_the_empty_name()
    {
        var request = Message(Field(1, Message(Field(2, Message(Field(2, Span()))))));

        Assert.Equal(1, OtlpPayloadCounter.CountProtobuf(OtlpSignal.Logs, request)[""]);
    }

    [Fact]
    public void A_truncated_message_is_rejected()
    {
        var request = Message(Field(1, ResourceWithItems("api", scopes: [[Span()]])));

        Assert.Throws<InvalidDataException>(() => OtlpPayloadCounter.CountProtobuf(OtlpSignal.Traces, request.AsSpan(0, request.Length - 3)));
    }

    [Fact]
    public void Counts_log_records_and_metric_points_in_json_exports()
    {
        var logs = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"trainer"}}]},
              "scopeLogs":[{"logRecords":[{},{},{}]},{"logRecords":[{}]}]}]}
            """;
        var metrics = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
              "scopeMetrics":[{"metrics":[{"name":"a","sum":{"dataPoints":[{},{}]}},{"name":"b","histogram":{"dataPoints":[{}]}}]}]}]}
            """;

        Assert.Equal(4, OtlpPayloadCounter.CountJson(OtlpSignal.Logs, Encoding.UTF8.GetBytes(logs))["trainer"]);
        Assert.Equal(3, OtlpPayloadCounter.CountJson(OtlpSignal.Metrics, Encoding.UTF8.GetBytes(metrics))["api"]);
    }

    private static byte[] ResourceWithItems(string serviceName, byte[][][] scopes)
    {
        var attribute = Message(
            Field(1, Encoding.UTF8.GetBytes("service.name")),
            Field(2, Message(Field(1, Encoding.UTF8.GetBytes(serviceName)))));
        var resource = Message(Field(1, attribute));
        var fields = new List<byte[]> { Field(1, resource) };
        foreach (var scope in scopes)
        {
            // Scope*: scope = 1 (omitted), items = 2, schema_url = 3.
            fields.Add(Field(2, Message([.. scope.Select(item => Field(2, item)), Field(3, Encoding.UTF8.GetBytes("https://schema"))])));
        }
        return Message([.. fields]);
    }

    /// <summary>A span with a trace id (bytes) and a start time (fixed64), to exercise skipping.</summary>
    private static byte[] Span() => Message(Field(1, new byte[16]), [0x39, 1, 2, 3, 4, 5, 6, 7, 8], [0x40, 0x96, 0x01]);

    private static byte[] Field(int number, byte[] payload) => [.. Varint((ulong)(number << 3 | 2)), .. Varint((ulong)payload.Length), .. payload];

    private static byte[] Message(params byte[][] fields) => fields.SelectMany(f => f).ToArray();

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
