using Burnout.Features.Domain;

namespace Burnout.Features.Simulation;

/// <summary>One simulated student: who they are, one row per simulated day, and what happened to them.</summary>
public sealed record SimulatedStudent(Student Student, IReadOnlyList<DailyActivity> Activity, StudentOutcome Outcome);

/// <summary>How far a run has got.</summary>
public readonly record struct SimulationProgress(int StudentsWritten, int TotalStudents, long RowsWritten);

/// <summary>What a run produced.</summary>
public sealed record SimulationSummary(int Students, long ActivityRows, int BurnoutStudents, int WithdrawnStudents)
{
    public double BurnoutPrevalence => Students == 0 ? 0 : (double)BurnoutStudents / Students;
}
