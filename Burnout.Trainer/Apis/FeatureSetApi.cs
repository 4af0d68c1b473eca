using Burnout.Features;
using Burnout.Features.Daily;
using Burnout.Features.Oulad;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Burnout.Trainer.Apis;

public static class FeatureSetApi
{
    /// <summary>Every feature set a model can be trained on, by key.</summary>
    private static readonly IReadOnlyDictionary<string, FeatureSet> FeatureSets =
        new[] { DailyFeatures.Set, OuladFeatures.Full, OuladFeatures.Early }.ToDictionary(s => s.Key);

    public static IEndpointRouteBuilder MapFeatureSetApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/datasets/feature-sets").WithTags("Datasets");

        group.MapGet("/", () => TypedResults.Ok(FeatureSets.Values.Select(FeatureSetResponse.From).ToArray()))
            .WithName("ListFeatureSets")
            .WithSummary("The versioned feature sets that training and serving compute the same way.");

        group.MapGet("/{key}", GetFeatureSet)
            .WithName("GetFeatureSet")
            .WithSummary("One feature set, e.g. daily-13@1, with its ordered columns.");

        return app;
    }

    public static Results<Ok<FeatureSetResponse>, ProblemHttpResult> GetFeatureSet(string key) =>
        FeatureSets.TryGetValue(key, out var set)
            ? TypedResults.Ok(FeatureSetResponse.From(set))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown feature set",
                detail: $"No feature set '{key}'. Known: {string.Join(", ", FeatureSets.Keys)}.");
}

public sealed record FeatureSetResponse(string Key, string Id, int Version, IReadOnlyList<FeatureColumn> Columns)
{
    public static FeatureSetResponse From(FeatureSet set) => new(set.Key, set.Id, set.Version, set.Columns);
}
