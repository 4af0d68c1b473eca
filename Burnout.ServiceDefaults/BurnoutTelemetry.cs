using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The activity source and meter that Burnout's own code reports through.</summary>
public static class BurnoutTelemetry
{
    public const string ActivitySourceName = "Burnout";
    public const string MeterName = "Burnout";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
