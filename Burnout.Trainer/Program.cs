using Burnout.Trainer.Cli;

if (TrainerCommandLine.IsCommand(args))
{
    return await TrainerCommandLine.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
return 0;
