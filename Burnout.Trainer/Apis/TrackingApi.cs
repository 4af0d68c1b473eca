using Burnout.Trainer.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Burnout.Trainer.Apis;

public static class TrackingApi
{
    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var tracking = app.MapGroup("/api/tracking").WithTags("Tracking");

        tracking.MapGet("/outbox", GetOutboxStatusAsync)
            .WithName("GetTrackingOutboxStatus")
            .WithSummary("How many tracking calls wait for MLflow, how long the oldest has waited, and the latest error.");

        return app;
    }

    public static async Task<Ok<OutboxStatus>> GetOutboxStatusAsync(TrackingOutbox outbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await outbox.GetStatusAsync(cancellationToken));
}
