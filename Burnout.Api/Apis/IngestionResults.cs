using Burnout.Api.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Burnout.Api.Apis;

/// <summary>Turns an ingestion result into HTTP: 200 with counts, or an RFC 7807 validation problem listing every bad row.</summary>
internal static class IngestionResults
{
    public static Results<Ok<IngestionResponse>, ValidationProblem> ToHttpResult(IngestionResult result, Func<long, string> rowKey)
    {
        if (result.Succeeded)
        {
            return TypedResults.Ok(new IngestionResponse(result.RowsReceived, result.RowsStored, result.StudentsCreated));
        }

        var errors = result.Problems
            .GroupBy(p => p.Row < 0 ? p.Field : $"{rowKey(p.Row)}.{p.Field}")
            .ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray());
        return TypedResults.ValidationProblem(
            errors,
            title: "The batch was refused; nothing was stored.",
            detail: $"{result.Problems.Where(p => p.Row >= 0).Select(p => p.Row).Distinct().Count()} of {result.RowsReceived} rows are invalid.",
            extensions: new Dictionary<string, object?> { ["problems"] = result.Problems });
    }
}
