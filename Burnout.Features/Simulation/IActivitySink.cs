using Burnout.Features.Domain;

namespace Burnout.Features.Simulation;

/// <summary>
/// Where a simulated cohort goes: CSV files (<see cref="CsvActivitySink"/>) or the database. Calls never overlap and
/// come block by block: a block's students, then their activity (grouped by student, sorted by day), then their
/// outcomes; <see cref="CompleteAsync"/> once at the end. The lists are only valid during the call.
/// </summary>
public interface IActivitySink
{
    ValueTask WriteStudentsAsync(IReadOnlyList<Student> students, CancellationToken cancellationToken);

    ValueTask WriteActivityAsync(IReadOnlyList<DailyActivity> rows, CancellationToken cancellationToken);

    ValueTask WriteOutcomesAsync(IReadOnlyList<StudentOutcome> outcomes, CancellationToken cancellationToken);

    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
