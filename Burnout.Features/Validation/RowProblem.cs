namespace Burnout.Features.Validation;

/// <summary>One thing wrong with one row of a batch.</summary>
/// <param name="Row">0-based position of the row in the batch.</param>
/// <param name="StudentId">The row's student, as sent (may be empty).</param>
/// <param name="Field">The snake_case field (CSV column / JSON property) at fault.</param>
/// <param name="Reason">Readable reason, quoting the offending value.</param>
public sealed record RowProblem(long Row, string? StudentId, string Field, string Reason)
{
    /// <summary>The key for an RFC 7807 <c>errors</c> dictionary, e.g. <c>rows[3].late_night_share</c>.</summary>
    public string Key => $"rows[{Row}].{Field}";
}

/// <summary>
/// The verdict on a batch: valid only when no row has a problem. A batch with any problem is rejected whole.
/// </summary>
public sealed record BatchValidationResult(long Rows, IReadOnlyList<RowProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>Problems grouped the way <c>TypedResults.ValidationProblem</c> takes them.</summary>
    public IDictionary<string, string[]> ToErrors() =>
        Problems.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray(), StringComparer.Ordinal);
}

/// <summary>What a batch is checked against besides its own rows.</summary>
/// <param name="Today">Days after this are in the future.</param>
/// <param name="AutoCreateStudents">When true, unknown students are accepted (and created by the caller).</param>
/// <param name="StudentExists">Whether a student is already known; unused when <paramref name="AutoCreateStudents"/> is true.</param>
public sealed record IngestionRules(DateOnly Today, bool AutoCreateStudents, Func<string, bool> StudentExists)
{
    public static IngestionRules AutoCreate(DateOnly today) => new(today, true, _ => true);
}
