using Burnout.Api.Ingestion;
using Burnout.Features.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Burnout.Api.Apis;

public static class OutcomeApi
{
    public static IEndpointRouteBuilder MapOutcomeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/outcomes", IngestAsync)
            .RequireAuthorization(Extensions.Extensions.IngestionPolicy)
            .WithTags("Outcomes")
            .WithName("IngestOutcomes")
            .WithSummary("Upsert outcomes (burnout onset, withdrawal, final result) for known students; all-or-nothing.");
        return app;
    }

    public static async Task<Results<Ok<IngestionResponse>, ValidationProblem>> IngestAsync(
        HttpRequest request, OutcomeIngestor ingestor, CancellationToken cancellationToken)
    {
        var (batch, problem) = await JsonBody.ReadAsync<OutcomeBatchRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await ingestor.IngestAsync(batch!.Outcomes, cancellationToken);
        return IngestionResults.ToHttpResult(result, row => $"outcomes[{row}]");
    }
}

public sealed record OutcomeBatchRequest(IReadOnlyList<StudentOutcome> Outcomes);
