using System.IO.Compression;
using Burnout.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Burnout.Hosting.Dashboard;

/// <summary>
/// Where the services' OTEL_EXPORTER_OTLP_ENDPOINT points: OTLP/HTTP (protobuf or JSON) on /v1/traces,
/// /v1/metrics and /v1/logs. Telemetry is counted per resource (by service.name) for the dashboard, not
/// stored: the point is that exporting works and you can see that it does.
/// </summary>
internal static class OtlpReceiver
{
    private const int MaxRequestBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapOtlpReceiver(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/traces", (HttpContext c, Orchestrator o) => ReceiveAsync(OtlpSignal.Traces, c, o));
        endpoints.MapPost("/v1/metrics", (HttpContext c, Orchestrator o) => ReceiveAsync(OtlpSignal.Metrics, c, o));
        endpoints.MapPost("/v1/logs", (HttpContext c, Orchestrator o) => ReceiveAsync(OtlpSignal.Logs, c, o));
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(OtlpSignal signal, HttpContext context, Orchestrator orchestrator)
    {
        var body = await ReadBodyAsync(context.Request);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var isJson = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        Dictionary<string, long> counts;
        try
        {
            counts = isJson ? OtlpPayloadCounter.CountJson(signal, body) : OtlpPayloadCounter.CountProtobuf(signal, body);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return Results.BadRequest(e.Message);
        }

        foreach (var (serviceName, count) in counts)
        {
            orchestrator.Find(serviceName)?.CountTelemetry(
                signal == OtlpSignal.Traces ? count : 0,
                signal == OtlpSignal.Metrics ? count : 0,
                signal == OtlpSignal.Logs ? count : 0);
        }

        // An empty Export*ServiceResponse: full success.
        return isJson
            ? Results.Content("{}", "application/json")
            : Results.Bytes([], "application/x-protobuf");
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        var source = request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(request.Body, CompressionMode.Decompress)
            : request.Body;
        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxRequestBytes)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }
}
