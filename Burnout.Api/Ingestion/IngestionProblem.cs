namespace Burnout.Api.Ingestion;

/// <summary>One reason a row was refused: which row (1-based, as a person counts), which field, and why.</summary>
public sealed record IngestionProblem(long Row, string? StudentId, string Field, string Reason);

/// <summary>What an ingestion did: either everything was stored, or nothing was and here is every reason.</summary>
public sealed record IngestionResult(long RowsReceived, long RowsStored, long StudentsCreated, IReadOnlyList<IngestionProblem> Problems)
{
    /// <summary>More problems than this are counted but not listed, so a wholly broken file cannot flood the response.</summary>
    public const int MaxListedProblems = 200;

    public bool Succeeded => Problems.Count == 0;
}
