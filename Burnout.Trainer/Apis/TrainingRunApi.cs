using System.Text.Json;
using System.Text.Json.Serialization;
using Burnout.Trainer.Datasets.Snapshots;
using Burnout.Trainer.Extensions;
using Burnout.Trainer.Runs;
using Burnout.Trainer.Training;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Burnout.Trainer.Apis;

/// <summary>Training runs: queue one (from a snapshot or a definition), follow its progress, list them.</summary>
public static class TrainingRunApi
{
    public static IEndpointRouteBuilder MapTrainingRunApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/training/runs").WithTags("Training");

        runs.MapPost("/", QueueAsync)
            .RequireAuthorization(Extensions.Extensions.WritePolicy)
            .WithName("QueueTrainingRun")
            .WithSummary("Queue a training run of a problem on a snapshot (snapshot_id) or on a definition the trainer materialises first; 202 with run_id.");

        runs.MapGet("/{runId:long}", GetAsync)
            .WithName("GetTrainingRun")
            .WithSummary("A run's state (queued, running, succeeded, failed), progress in percent, log, metrics, candidate comparison and model version.");

        runs.MapGet("/", async (TrainingRunStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(100, ct)))
            .WithName("ListTrainingRuns")
            .WithSummary("The latest 100 runs, newest first.");

        return app;
    }

    public sealed record QueueRunRequest(
        string? Problem,
        long? SnapshotId,
        SnapshotRequest? Definition,
        IReadOnlyList<string>? Candidates);

    public sealed record QueuedRun(long RunId, string Problem, IReadOnlyList<string> Candidates);

    public static async Task<Results<Accepted<QueuedRun>, ValidationProblem>> QueueAsync(
        QueueRunRequest request, TrainingRunStore runs, DatasetSnapshotStore snapshots, TrainingQueueSignal signal, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Problem))
        {
            errors["problem"] = ["is required"];
        }
        else if (!TrainingProblems.Trainable.Contains(request.Problem))
        {
            errors["problem"] = [$"'{request.Problem}' is not a problem the trainer can train; choose one of {string.Join(", ", TrainingProblems.Trainable)}"];
        }

        if ((request.SnapshotId is null) == (request.Definition is null))
        {
            errors["snapshot_id"] = ["give either snapshot_id or definition, not both and not neither"];
        }
        else if (request.SnapshotId is { } id && await snapshots.GetAsync(id, cancellationToken) is null)
        {
            errors["snapshot_id"] = [$"there is no snapshot {id}"];
        }
        else if (request.Definition is { } definition)
        {
            foreach (var (field, problems) in SnapshotRequestValidator.Validate(definition, "definition."))
            {
                errors[field] = problems;
            }
        }

        var candidates = request.Candidates ?? [.. CandidateLearner.All.Select(c => c.Name)];
        if (candidates.Count == 0)
        {
            errors["candidates"] = ["is empty; leave it out to train every candidate"];
        }
        else if (candidates.FirstOrDefault(c => CandidateLearner.Find(c) is null) is { } unknown)
        {
            errors["candidates"] = [$"'{unknown}' is not a candidate; choose from {string.Join(", ", CandidateLearner.All.Select(c => c.Name))}"];
        }
        else if (candidates.Distinct().Count() != candidates.Count)
        {
            errors["candidates"] = ["names a candidate twice"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var definitionJson = request.Definition is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(request.Definition, SnapshotJson.Options);
        var runId = await runs.QueueAsync(request.Problem!, request.SnapshotId, definitionJson, candidates, "api", cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/api/training/runs/{runId}", new QueuedRun(runId, request.Problem!, candidates));
    }

    public static async Task<Results<Ok<TrainingRun>, NotFound>> GetAsync(long runId, TrainingRunStore runs, CancellationToken cancellationToken) =>
        await runs.GetAsync(runId, cancellationToken) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound();
}
