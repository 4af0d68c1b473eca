using Burnout.Data;
using Burnout.Trainer.Datasets.Snapshots;
using Burnout.Trainer.Tracking;

namespace Burnout.Trainer.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBurnoutDatabase();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatasetSnapshotStore>();
        builder.AddTracking();
    }
}
