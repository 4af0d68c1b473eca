using Microsoft.Extensions.Configuration;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// The AppHost's own settings, read from configuration (appsettings.json beside the AppHost, environment
/// variables such as <c>Burnout__Ports__web</c>, or <c>--Burnout:Ports:web=0</c> on the command line).
/// </summary>
public sealed class HostingOptions
{
    /// <summary>Aspire's dashboard port, used when configuration names none.</summary>
    public const int DefaultDashboardPort = 18888;

    public const string PortsSection = "Burnout:Ports";

    /// <summary>Where embedded servers keep their data (<c>.burnout</c> at the repository root by default).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int DashboardPort { get; init; } = DefaultDashboardPort;

    /// <summary>Console lines kept per resource.</summary>
    public int LogLines { get; init; } = 5000;

    /// <summary>Services send their telemetry to the dashboard's OTLP/HTTP receiver unless this is off.</summary>
    public bool OtlpEnabled { get; init; } = true;

    public static HostingOptions FromConfiguration(IConfiguration configuration, string defaultDataDirectory) => new()
    {
        DataDirectory = Path.GetFullPath(configuration["Burnout:DataDirectory"] is { Length: > 0 } configured ? configured : defaultDataDirectory),
        DashboardPort = configuration.GetValue($"{PortsSection}:dashboard", DefaultDashboardPort),
        LogLines = configuration.GetValue("Burnout:Dashboard:LogLines", 5000),
        OtlpEnabled = configuration.GetValue("Burnout:Dashboard:Otlp", true),
    };

    /// <summary>The configured port of a resource; 0 (free port) when none is configured.</summary>
    public static int ConfiguredPort(IConfiguration configuration, string resourceName) =>
        configuration.GetValue($"{PortsSection}:{resourceName}", 0);
}
