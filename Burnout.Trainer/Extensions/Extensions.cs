using Burnout.Data;
using Burnout.Trainer.Datasets.Snapshots;
using Burnout.Trainer.Registry;
using Burnout.Trainer.Runs;
using Burnout.Trainer.Tracking;

namespace Burnout.Trainer.Extensions;

internal static class Extensions
{
    /// <summary>Calls that change something (queue a run, promote, roll back) need an API key until sign-in arrives.</summary>
    public const string WritePolicy = "trainer-write";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBurnoutDatabase();

        builder.AddApiKeyAuthentication("Training:ApiKeys", "training-client");
        builder.Services.AddAuthorizationBuilder().AddPolicy(WritePolicy, policy => policy.RequireAuthenticatedUser());

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatasetSnapshotStore>();

        builder.Services.Configure<TrainingSettings>(builder.Configuration.GetSection(TrainingSettings.Section));
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddSingleton<TrainingRunStore>();
        builder.Services.AddSingleton<TrainingRunner>();
        builder.Services.AddSingleton<RunTracking>();
        builder.Services.AddSingleton<TrainingQueueSignal>();
        builder.Services.AddHostedService<TrainingRunWorker>();
        builder.Services.AddHostedService<FirstStartTraining>();
        builder.Services.AddHostedService<TrainingSchedule>();
        builder.AddTracking();
    }
}
