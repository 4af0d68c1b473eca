using Burnout.AppHost.Mlflow;
using Burnout.AppHost.Postgres;
using Burnout.AppHost.Services;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure
var burnoutdb = builder.AddPostgresDatabase("postgres", "burnoutdb");
var mlflow = builder.AddMlflow("mlflow", burnoutdb);

// Services
var api = builder.AddBurnoutService<Projects.Burnout_Api>("api")
    .WithHttpHealthCheck("/health")
    .WithReference(burnoutdb)
    .WaitFor(burnoutdb)
    .WithMlflow(mlflow);

var trainer = builder.AddBurnoutService<Projects.Burnout_Trainer>("trainer")
    .WithHttpHealthCheck("/health")
    .WithReference(burnoutdb)
    .WaitFor(burnoutdb)
    .WithMlflow(mlflow);

var monitor = builder.AddBurnoutService<Projects.Burnout_Monitor>("monitor")
    .WithHttpHealthCheck("/health")
    .WithReference(burnoutdb)
    .WaitFor(burnoutdb)
    .WithReference(api)
    .WithMlflow(mlflow);

// Front end
builder.AddBurnoutService<Projects.Burnout_Web>("web")
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithReference(api)
    .WithReference(trainer)
    .WithReference(monitor)
    .WaitFor(api);

builder.Build().Run();
