using System.Net;
using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Dashboard;
using Burnout.Hosting.Orchestration;
using Burnout.Hosting.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Burnout.Hosting;

/// <summary>
/// A built application: the orchestrator plus the dashboard that shows and controls it. Runs until Ctrl-C
/// or SIGTERM, then stops every resource it started before returning.
/// </summary>
public sealed class DistributedApplication
{
    private readonly WebApplication _app;
    private readonly Orchestrator _orchestrator;
    private readonly HostingOptions _options;

    internal DistributedApplication(WebApplicationBuilder builder, IReadOnlyList<IResource> resources, HostingOptions options)
    {
        _options = options;
        var dashboardPort = FreePort.Resolve(options.DashboardPort);
        DashboardUrl = $"http://localhost:{dashboardPort}";
        var otlpEndpoint = options.OtlpEnabled ? $"http://127.0.0.1:{dashboardPort}" : null;

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, dashboardPort));
        // Enough time for every resource's own grace period; normally stopping takes a second or two.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(45));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.AddSingleton(provider => new Orchestrator(
            resources,
            options,
            builder.Configuration,
            otlpEndpoint,
            provider.GetRequiredService<IHostApplicationLifetime>(),
            provider.GetRequiredService<ILogger<Orchestrator>>()));
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Orchestrator>());
        builder.Services.AddDashboard();

        _app = builder.Build();
        _orchestrator = _app.Services.GetRequiredService<Orchestrator>();
        _app.MapDashboard();
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(args);

    /// <summary>Where the dashboard listens (its port is chosen by now, even when configured as 0).</summary>
    public string DashboardUrl { get; }

    public IReadOnlyList<ResourceRuntime> Resources => _orchestrator.Resources;

    /// <summary>Runs until shut down. Returns the process exit code: 1 when PostgreSQL is nowhere to be had.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _orchestrator.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresNotInstalledException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }

        _app.Lifetime.ApplicationStarted.Register(() =>
        {
            // One plain line, so scripts and tests can find the dashboard when its port was chosen freely.
            Console.Out.WriteLine($"Dashboard: {DashboardUrl}");
            Console.Out.WriteLine($"Data: {_options.DataDirectory}");
            Console.Out.Flush();
        });
        await _app.RunAsync(cancellationToken).ConfigureAwait(false);
        Processes.OrphanReaper.ShutDown();
        return 0;
    }

    public int Run() => RunAsync().GetAwaiter().GetResult();
}
