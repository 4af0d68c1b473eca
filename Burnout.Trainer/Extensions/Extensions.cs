using Burnout.Data;
using Burnout.Trainer.Datasets.Snapshots;

namespace Burnout.Trainer.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBurnoutDatabase();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatasetSnapshotStore>();
    }
}
