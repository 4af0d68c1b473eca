using System.Security.Claims;
using Burnout.Trainer.Registry;
using Burnout.Trainer.Runs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Burnout.Trainer.Apis;

/// <summary>The registry: versions with their aliases and metrics, manual promotion and rollback, and the history of both.</summary>
public static class ModelApi
{
    public static IEndpointRouteBuilder MapModelApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/models").WithTags("Models");

        models.MapGet("/", async (string? problem, ModelRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.ListAsync(problem, ct)))
            .WithName("ListModelVersions")
            .WithSummary("Model versions, newest first per problem, with their aliases (champion, challenger) and metrics; ?problem= filters.");

        models.MapGet("/{problem}/history", async (string problem, ModelRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.HistoryAsync(problem, ct)))
            .WithName("GetPromotionHistory")
            .WithSummary("Every decision about the problem's champion: the gate's, manual promotions and rollbacks, with who and why.");

        models.MapPost("/{problem}/{version:int}/promote", PromoteAsync)
            .RequireAuthorization(Extensions.Extensions.WritePolicy)
            .WithName("PromoteModelVersion")
            .WithSummary("Make a version the champion, recorded with who asked and why.");

        models.MapPost("/{problem}/rollback", RollbackAsync)
            .RequireAuthorization(Extensions.Extensions.WritePolicy)
            .WithName("RollbackChampion")
            .WithSummary("Give the champion back to the version that held it before the current one.");

        return app;
    }

    /// <param name="Reason">Why; kept in the history.</param>
    /// <param name="RequestedBy">Who asked, when the caller acts for a person; otherwise the API client is recorded.</param>
    public sealed record ChampionChange(string? Reason, string? RequestedBy);

    public sealed record ChampionChanged(string Problem, int Champion, int? Previous, string Reason);

    public static async Task<Results<Ok<ChampionChanged>, ProblemHttpResult, ValidationProblem>> PromoteAsync(
        string problem, int version, ChampionChange request, ClaimsPrincipal user, ModelRegistry registry, RunTracking tracking, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["is required: say why the champion changes"] });
        }
        if (!await registry.ExistsAsync(problem, version, cancellationToken))
        {
            return TypedResults.Problem($"{problem} has no version {version}.", statusCode: StatusCodes.Status404NotFound);
        }
        var previous = await registry.GetAliasAsync(problem, ModelAliases.Champion, cancellationToken);
        await registry.PromoteAsync(problem, version, "manual", Actor(request, user), request.Reason, cancellationToken);
        await tracking.RecordAliasAsync(problem, ModelAliases.Champion, version, cancellationToken);
        return TypedResults.Ok(new ChampionChanged(problem, version, previous, request.Reason));
    }

    public static async Task<Results<Ok<ChampionChanged>, ProblemHttpResult, ValidationProblem>> RollbackAsync(
        string problem, ChampionChange request, ClaimsPrincipal user, ModelRegistry registry, RunTracking tracking, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["is required: say why the champion is rolled back"] });
        }
        var current = await registry.GetAliasAsync(problem, ModelAliases.Champion, cancellationToken);
        if (current is null || await registry.PreviousChampionAsync(problem, cancellationToken) is not { } previous)
        {
            return TypedResults.Problem($"{problem} has no earlier champion to roll back to.", statusCode: StatusCodes.Status409Conflict);
        }
        await registry.PromoteAsync(problem, previous, "rollback", Actor(request, user), request.Reason, cancellationToken);
        await tracking.RecordAliasAsync(problem, ModelAliases.Champion, previous, cancellationToken);
        return TypedResults.Ok(new ChampionChanged(problem, previous, current, request.Reason));
    }

    private static string Actor(ChampionChange request, ClaimsPrincipal user)
    {
        var client = user.Identity?.Name ?? "unknown client";
        return string.IsNullOrWhiteSpace(request.RequestedBy) ? client : $"{request.RequestedBy.Trim()} (via {client})";
    }
}
