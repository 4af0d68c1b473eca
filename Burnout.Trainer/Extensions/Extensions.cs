using Burnout.Data;

namespace Burnout.Trainer.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBurnoutDatabase();
    }
}
