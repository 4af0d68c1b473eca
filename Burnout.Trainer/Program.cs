using Burnout.Trainer.Apis;
using Burnout.Trainer.Cli;
using Burnout.Trainer.Extensions;

if (TrainerCommandLine.IsCommand(args))
{
    return await TrainerCommandLine.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();

app.MapFeatureSetApi();
app.MapDatasetSnapshotApi();
app.MapTrainingRunApi();
app.MapModelApi();
app.MapTrackingApi();

await app.RunAsync();
return 0;
