using Burnout.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseStaticFiles();
app.MapRazorPages();
app.MapReverseProxy();

app.Run();
