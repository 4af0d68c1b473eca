using System.Text.Json;
using Burnout.Hosting.Logs;
using Burnout.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Burnout.Hosting.Dashboard;

/// <summary>
/// The developer dashboard: one server-rendered page, the same state as JSON for tests and scripts,
/// console logs (polled or streamed as server-sent events), and stop/start/restart actions.
/// </summary>
internal static class DashboardEndpoints
{
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet("/", (Orchestrator orchestrator) => Results.Content(DashboardPage.Render(orchestrator.Resources.Select(r => r.Snapshot()).ToList()), "text/html; charset=utf-8"));

        var api = app.MapGroup("/api/resources");
        api.MapGet("/", (Orchestrator orchestrator) => TypedResults.Ok(orchestrator.Resources.Select(r => r.Snapshot()).ToList()))
            .WithName("ListResources").WithSummary("Every resource: kind, state, health, pid, endpoints, restarts, uptime.");
        api.MapGet("/{name}", GetResource).WithName("GetResource");
        api.MapGet("/{name}/logs", GetLogs).WithName("GetResourceLogs").WithSummary("Console lines after a sequence number.");
        api.MapGet("/{name}/logs/stream", StreamLogsAsync).WithName("StreamResourceLogs").WithSummary("Console lines as server-sent events.");
        api.MapPost("/{name}/start", (string name, Orchestrator o) => ActAsync(name, o, o.StartResourceAsync)).WithName("StartResource");
        api.MapPost("/{name}/stop", (string name, Orchestrator o) => ActAsync(name, o, o.StopResourceAsync)).WithName("StopResource");
        api.MapPost("/{name}/restart", (string name, Orchestrator o) => ActAsync(name, o, o.RestartResourceAsync)).WithName("RestartResource");

        app.MapOtlpReceiver();
        return app;
    }

    private static Results<Ok<ResourceSnapshot>, NotFound> GetResource(string name, Orchestrator orchestrator) =>
        orchestrator.Find(name) is { } runtime ? TypedResults.Ok(runtime.Snapshot()) : TypedResults.NotFound();

    private static Results<Ok<LogPage>, NotFound> GetLogs(string name, Orchestrator orchestrator, long after = 0, int max = 1000) =>
        orchestrator.Find(name) is { } runtime
            ? TypedResults.Ok(new LogPage(runtime.Logs.After(after, Math.Clamp(max, 1, runtime.Logs.Capacity)), runtime.Logs.LastSequence))
            : TypedResults.NotFound();

    private static async Task StreamLogsAsync(string name, long? after, Orchestrator orchestrator, HttpContext context, IOptions<JsonOptions> json)
    {
        if (orchestrator.Find(name) is not { } runtime)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";

        // A fresh viewer starts with the last screenful; a reconnecting one resumes where it was.
        var last = after ?? (long.TryParse(context.Request.Headers["Last-Event-ID"], out var resumed) ? resumed : Math.Max(0, runtime.Logs.LastSequence - 500));
        var cancellation = context.RequestAborted;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                foreach (var line in runtime.Logs.After(last))
                {
                    await context.Response.WriteAsync($"id: {line.Sequence}\ndata: {JsonSerializer.Serialize(line, json.Value.SerializerOptions)}\n\n", cancellation);
                    last = line.Sequence;
                }
                await context.Response.Body.FlushAsync(cancellation);
                await runtime.Logs.WaitForLinesAfterAsync(last, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The viewer went away.
        }
    }

    private static async Task<Results<Accepted<ResourceSnapshot>, NotFound>> ActAsync(string name, Orchestrator orchestrator, Func<string, Task<bool>> action)
    {
        if (orchestrator.Find(name) is not { } runtime)
        {
            return TypedResults.NotFound();
        }
        // Stopping returns once the process is gone; starting returns once supervision has begun (the
        // resource may still be waiting for its dependencies, which the page and the JSON show).
        await action(name);
        return TypedResults.Accepted($"/api/resources/{name}", runtime.Snapshot());
    }

    internal sealed record LogPage(IReadOnlyList<LogLine> Lines, long LastSequence);
}
