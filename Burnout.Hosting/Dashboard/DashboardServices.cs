using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Burnout.Hosting.Dashboard;

internal static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) =>
        // States and health read as words in /api/resources ("Running", "Healthy"), not numbers.
        services.Configure<JsonOptions>(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
}
