using System.Text.Json.Serialization;
using Burnout.Api.Ingestion;
using Burnout.Data;

namespace Burnout.Api.Extensions;

internal static class Extensions
{
    public const string IngestionPolicy = "ingestion";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBurnoutDatabase();

        builder.AddApiKeyAuthentication("Ingestion:ApiKeys", "ingestion-client");
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IngestionPolicy, policy => policy.RequireAuthenticatedUser());

        // Ingestion is strict: a missing required field is an error rather than a silent zero.
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ActivityIngestor>();
        builder.Services.AddScoped<OutcomeIngestor>();
    }
}
