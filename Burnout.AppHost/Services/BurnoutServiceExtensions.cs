using Burnout.AppHost.Restarts;
using Microsoft.Extensions.Configuration;

namespace Burnout.AppHost.Services;

public static class BurnoutServiceExtensions
{
    /// <summary>
    /// A Burnout service: its HTTP endpoint on the port in <c>Burnout:Ports:{name}</c> (fixed, so that the front
    /// door's address does not change between runs; 0 for any free port), restarted when it crashes, and quick to stop.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddBurnoutService<TProject>(this IDistributedApplicationBuilder builder, [ResourceName] string name)
        where TProject : IProjectMetadata, new()
    {
        var port = builder.Configuration.GetValue<int?>($"Burnout:Ports:{name}") is > 0 and var fixedPort ? fixedPort : (int?)null;
        return builder.AddProject<TProject>(name, launchProfileName: null)
            .WithHttpEndpoint(port: port, name: "http")
            .WithRestartOnCrash()
            // A development stack runs development services (the development ingestion key among them).
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            // Otherwise each service waits 10 s, when stopped, to flush telemetry to a dashboard that has gone.
            .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000");
    }
}
