using Burnout.Data;

namespace Burnout.Monitor.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBurnoutDatabase();
        builder.Services.AddSingleton(TimeProvider.System);
    }
}
