using Burnout.Trainer.Tracking.Mlflow;
using Npgsql;

namespace Burnout.Trainer.Tracking;

public static class TrackingExtensions
{
    /// <summary>MLflow's own variable, which the AppHost's <c>WithMlflow</c> sets.</summary>
    public const string TrackingUriVariable = "MLFLOW_TRACKING_URI";

    /// <summary>
    /// The tracking outbox and its dispatcher, and, only when <c>MLFLOW_TRACKING_URI</c> is set, the MLflow client.
    /// Without it calls are still enqueued and wait.
    /// </summary>
    public static IHostApplicationBuilder AddTracking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrackingOutbox>();
        builder.Services.AddSingleton(OutboxDispatcherOptions.Default);

        var trackingUri = builder.Configuration[TrackingUriVariable];
        var mlflowConfigured = !string.IsNullOrWhiteSpace(trackingUri);
        if (mlflowConfigured)
        {
            // The outbox retries on its own terms, after looking for what a lost answer created; the default
            // resilience handler's retries would resend a runs/create or model-versions/create blindly.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental; it is the documented way to opt one client out.
            builder.Services.AddHttpClient<MlflowClient>(http => http.BaseAddress = new Uri(trackingUri!))
                .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }

        builder.Services.AddSingleton(services => new OutboxDispatcher(
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<TrackingOutbox>(),
            mlflowConfigured ? services.GetRequiredService<MlflowClient> : null,
            services.GetRequiredService<OutboxDispatcherOptions>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<OutboxDispatcher>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxDispatcher>());

        return builder;
    }
}
