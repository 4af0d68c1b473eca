using Burnout.Features.Validation;

namespace Burnout.Api.Ingestion;

/// <summary>What an ingestion did: either everything was stored, or nothing was and here is every reason.</summary>
public sealed record IngestionResult(long RowsReceived, long RowsStored, long StudentsCreated, IReadOnlyList<RowProblem> Problems)
{
    /// <summary>More problems than this are counted but not listed, so a wholly broken file cannot flood the response.</summary>
    public const int MaxListedProblems = 200;

    public bool Succeeded => Problems.Count == 0;
}
