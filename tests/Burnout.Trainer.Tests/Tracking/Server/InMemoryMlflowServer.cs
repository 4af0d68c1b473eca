using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Burnout.Trainer.Tests.Tracking.Server;

/// <summary>
/// An MLflow tracking server for tests: real Kestrel on 127.0.0.1, the REST API 2.0 endpoints the client uses,
/// kept in memory. It refuses what a real MLflow 2.x refuses (missing or mistyped fields, over-limit batches,
/// over-long keys and values, a param changed, unknown runs), so a test that passes here sends requests a real
/// server accepts. An outage can be switched on (an answer such as 503 to every request) or made real by
/// stopping the server and starting it again on the same port, with its data kept.
/// </summary>
internal sealed class InMemoryMlflowServer : IAsyncDisposable
{
    private readonly List<ReceivedRequest> _received = [];
    private readonly List<HttpClient> _clients = [];
    private WebApplication? _app;
    private HttpStatusCode? _outage;

    private InMemoryMlflowServer()
    {
    }

    public MlflowServerState State { get; } = new();

    public Uri TrackingUri { get; private set; } = null!;

    /// <summary>Every request that reached the server, in order, with the status it got.</summary>
    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    public static async Task<InMemoryMlflowServer> StartAsync()
    {
        var server = new InMemoryMlflowServer();
        await server.StartOnAsync(port: 0);
        return server;
    }

    /// <summary>An HttpClient on the tracking URI, disposed with the server.</summary>
    public HttpClient CreateHttpClient(TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = TrackingUri, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        _clients.Add(http);
        return http;
    }

    /// <summary>From now on every request is answered with this status and MLflow's TEMPORARILY_UNAVAILABLE body.</summary>
    public void SimulateOutage(HttpStatusCode status = HttpStatusCode.ServiceUnavailable) => _outage = status;

    public void EndOutage() => _outage = null;

    /// <summary>Stops listening: connections are refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Listens again on the same port, with everything received before.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartOnAsync(TrackingUri.Port);
    }

    public async ValueTask DisposeAsync()
    {
        _clients.ForEach(client => client.Dispose());
        await StopAsync();
    }

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();

        app.Use(RecordAndAnswerErrorsAsync);
        TrackingEndpoints.Map(app, State);
        RegistryEndpoints.Map(app, State);
        ArtifactEndpoints.Map(app, State);

        await app.StartAsync();
        _app = app;
        TrackingUri = new Uri(app.Urls.First() + "/");
    }

    private async Task RecordAndAnswerErrorsAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        context.Request.Body.Position = 0;

        try
        {
            if (_outage is { } status)
            {
                throw new MlflowApiError(status, "TEMPORARILY_UNAVAILABLE", "The in-memory MLflow server is simulating an outage.");
            }

            await next(context);
        }
        catch (MlflowApiError error)
        {
            context.Response.StatusCode = (int)error.StatusCode;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error_code"] = error.ErrorCode, ["message"] = error.Message });
        }

        lock (_received)
        {
            _received.Add(new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? "", buffer.ToArray(), context.Response.StatusCode));
        }
    }
}

/// <param name="Path">The path without the query, e.g. <c>/api/2.0/mlflow/runs/log-batch</c>.</param>
internal sealed record ReceivedRequest(string Method, string Path, byte[] Body, int Status);

/// <summary>How the endpoint groups map a JSON endpoint: body checked for type and fields, state locked, answer written.</summary>
internal static class MlflowRoutes
{
    public const string Api = "/api/2.0/mlflow/";

    public static void Post(IEndpointRouteBuilder routes, string path, Func<byte[], JsonObject> handle, MlflowServerState state) =>
        Map(routes, HttpMethods.Post, path, state, (_, body) => handle(body));

    public static void Delete(IEndpointRouteBuilder routes, string path, Func<byte[], JsonObject> handle, MlflowServerState state) =>
        Map(routes, HttpMethods.Delete, path, state, (_, body) => handle(body));

    public static void Get(IEndpointRouteBuilder routes, string path, Func<IQueryCollection, JsonObject> handle, MlflowServerState state) =>
        Map(routes, HttpMethods.Get, path, state, (request, _) => handle(request.Query));

    /// <summary>A GET parameter MLflow requires (it reads them into the protobuf message, then asserts).</summary>
    public static string Required(IQueryCollection query, string name) =>
        query[name].FirstOrDefault() is { Length: > 0 } value
            ? value
            : throw MlflowApiError.Invalid($"Missing value for required parameter '{name}'. See the API docs for more information about request parameters.");

    private static void Map(IEndpointRouteBuilder routes, string method, string path, MlflowServerState state, Func<HttpRequest, byte[], JsonObject> handle) =>
        routes.MapMethods(Api + path, [method], async context =>
        {
            var body = method == HttpMethods.Get ? [] : await JsonBodyAsync(context.Request);
            JsonObject answer;
            lock (state.Sync)
            {
                answer = handle(context.Request, body);
            }

            await context.Response.WriteAsJsonAsync(answer);
        });

    /// <summary>MLflow's <c>_validate_content_type</c>: a POST or DELETE body must be declared JSON.</summary>
    private static async Task<byte[]> JsonBodyAsync(HttpRequest request)
    {
        if (request.ContentType?.Split(';')[0].Trim() != "application/json")
        {
            throw new MlflowApiError(HttpStatusCode.BadRequest, "BAD_REQUEST", $"Bad Request. Content-Type must be one of ['application/json'], got '{request.ContentType}'.");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.ToArray();
    }
}
