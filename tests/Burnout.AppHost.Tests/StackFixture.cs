using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Burnout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Burnout.AppHost.Tests;

/// <summary>
/// One stack for the tests that only look at it or poke one service: the real AppHost on Aspire's testing
/// builder (DCP, real processes, real HTTP), with its data in a folder of its own and every port free-chosen,
/// so that it never meets a developer's running stack.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private readonly Burnout.Testing.TempDirectory _data = new();
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The stack did not start.");

    public string DataDirectory => _data.Path;

    public async Task InitializeAsync()
    {
        _app = await Stack.StartAsync(_data.Path);
        await Stack.WaitUntilHealthyAsync(App);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _data.Dispose();
    }
}

internal static class Stack
{
    public static readonly string[] Services = ["api", "trainer", "monitor", "web"];

    /// <summary>Every resource but MLflow, which cannot run on machines without a container engine or Python.</summary>
    public static readonly string[] MustBeHealthy = ["postgres", "burnoutdb", .. Services];

    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static async Task<DistributedApplication> StartAsync(string dataDirectory, params string[] more)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Burnout_AppHost>(
            [$"--Burnout:DataDirectory={dataDirectory}", "--Burnout:Ports:web=0", "--Burnout:Ports:api=0",
             "--Burnout:Ports:trainer=0", "--Burnout:Ports:monitor=0", .. more]);
        // The testing builder copies every resource's console into the test log; keep what needs attention.
        builder.Services.AddLogging(logging => logging
            .AddFilter("Burnout.AppHost.Resources", LogLevel.Warning)
            .AddFilter("Aspire.Hosting", LogLevel.Warning));
        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await app.StartAsync(timeout.Token);
        return app;
    }

    public static async Task WaitUntilHealthyAsync(DistributedApplication app, params string[] names)
    {
        using var timeout = new CancellationTokenSource(Patience);
        foreach (var name in names.Length > 0 ? names : MustBeHealthy)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }
    }

    public static CustomResourceSnapshot Snapshot(this DistributedApplication app, string name) =>
        app.ResourceNotifications.TryGetCurrentState(name, out var resourceEvent)
            ? resourceEvent.Snapshot
            : throw new InvalidOperationException($"No resource '{name}'.");

    public static int ProcessId(this CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name is "executable.pid" or "project.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The resource has no process id yet.");
}
