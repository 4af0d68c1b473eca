using Burnout.Web.Services;

namespace Burnout.Web.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages();

        // The front door: /api/** goes to the services named in appsettings.json's ReverseProxy section.
        // Destinations are logical names (http://api) resolved through services__api__http__0, as under Aspire.
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();

        builder.Services.AddHttpClient<BackendHealthClient>();
    }
}
