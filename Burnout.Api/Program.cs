using Burnout.Api.Apis;
using Burnout.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAuthentication();
app.UseAuthorization();

app.MapActivityApi();
app.MapOutcomeApi();
app.MapStudentApi();

app.Run();
