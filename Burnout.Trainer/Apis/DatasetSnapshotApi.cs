using Burnout.Features.Labels;
using Burnout.Trainer.Datasets.Snapshots;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Burnout.Trainer.Apis;

public static class DatasetSnapshotApi
{
    public static IEndpointRouteBuilder MapDatasetSnapshotApi(this IEndpointRouteBuilder app)
    {
        var snapshots = app.MapGroup("/api/datasets/snapshots").WithTags("Datasets");

        snapshots.MapPost("/", MaterializeAsync)
            .WithName("MaterializeSnapshot")
            .WithSummary("Materialise daily-13 features with the burnout-onset label over [from, to]; the same definition over the same data returns the stored snapshot.");

        snapshots.MapGet("/", async (DatasetSnapshotStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithName("ListSnapshots")
            .WithSummary("Stored snapshots, newest first.");

        snapshots.MapGet("/{snapshotId:long}", GetAsync)
            .WithName("GetSnapshot")
            .WithSummary("One snapshot: definition, content hash, counts and its data validation report.");

        snapshots.MapGet("/{snapshotId:long}/csv", ExportCsvAsync)
            .WithName("ExportSnapshotCsv")
            .WithSummary("The snapshot's rows as CSV, in the canonical order its hash was computed over.");

        return app;
    }

    public static async Task<Results<Created<SnapshotSummary>, Ok<SnapshotSummary>, ValidationProblem>> MaterializeAsync(
        SnapshotRequest request, DatasetSnapshotStore store, CancellationToken cancellationToken)
    {
        var errors = SnapshotRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var snapshot = await store.MaterializeAsync(request, cancellationToken);
        return snapshot.Existing
            ? TypedResults.Ok(snapshot)
            : TypedResults.Created($"/api/datasets/snapshots/{snapshot.SnapshotId}", snapshot);
    }

    public static async Task<Results<Ok<SnapshotSummary>, ProblemHttpResult>> GetAsync(long snapshotId, DatasetSnapshotStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(snapshotId, cancellationToken) is { } snapshot
            ? TypedResults.Ok(snapshot)
            : NotFound(snapshotId);

    public static async Task<IResult> ExportCsvAsync(long snapshotId, DatasetSnapshotStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(snapshotId, cancellationToken) is not { } snapshot)
        {
            return NotFound(snapshotId);
        }

        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"snapshot-{snapshotId}-{snapshot.ContentHash[..12]}.csv\"";
        await using var writer = new StreamWriter(response.Body);
        await store.ExportCsvAsync(snapshot, writer, cancellationToken);
        return TypedResults.Empty;
    }

    private static ProblemHttpResult NotFound(long snapshotId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown snapshot", detail: $"No dataset snapshot {snapshotId}.");
}
