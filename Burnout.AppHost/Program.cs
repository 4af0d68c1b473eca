using Burnout.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure
var postgres = builder.AddPostgres("postgres");
var burnoutdb = postgres.AddDatabase("burnoutdb");
var mlflow = builder.AddMlflow("mlflow");

// Services
var api = builder.AddProject<Projects.Burnout_Api>("api")
    .WithReference(burnoutdb)
    .WaitFor(burnoutdb)
    .WithReference(mlflow);

var trainer = builder.AddProject<Projects.Burnout_Trainer>("trainer")
    .WithReference(burnoutdb)
    .WaitFor(burnoutdb)
    .WithReference(mlflow);

var monitor = builder.AddProject<Projects.Burnout_Monitor>("monitor")
    .WithReference(burnoutdb)
    .WaitFor(burnoutdb)
    .WithReference(api)
    .WithReference(mlflow);

// Front end
builder.AddProject<Projects.Burnout_Web>("web")
    .WithExternalHttpEndpoints()
    .WithReference(api)
    .WithReference(trainer)
    .WithReference(monitor)
    .WaitFor(api);

return await builder.Build().RunAsync();
