using Burnout.Monitor.Apis;
using Burnout.Monitor.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapFreshnessApi();

app.Run();
