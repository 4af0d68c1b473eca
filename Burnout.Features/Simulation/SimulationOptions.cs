namespace Burnout.Features.Simulation;

/// <summary>Settings of one simulated cohort. The same options give the same rows, whatever the thread count.</summary>
/// <param name="Students">Number of students (≥ 1).</param>
/// <param name="Days">Number of simulated days per student (≥ 1); every student has one row per day.</param>
/// <param name="Seed">Drives every random draw.</param>
/// <param name="Scenario">Drift scenario; <see cref="DriftScenario.None"/> by default.</param>
public sealed record SimulationOptions(int Students, int Days, long Seed, DriftScenario Scenario = DriftScenario.None)
{
    /// <summary>First simulated day. Fixed (not "today") so a seed always gives the same dates; a Monday.</summary>
    public DateOnly StartDate { get; init; } = new(2024, 9, 2);

    /// <summary>Probability that a student burns out during the period. 0.125 puts prevalence in the 10–15 % band.</summary>
    public double BurnoutRate { get; init; } = 0.125;

    /// <summary>Number of courses; each has its own deadline calendar (one assignment every 14 days).</summary>
    public int Courses { get; init; } = 4;

    /// <summary>Worker threads; only speed depends on it, never the rows.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Students generated and handed to the sink together.</summary>
    public int BlockSize { get; init; } = 1000;

    public DateOnly EndDate => StartDate.AddDays(Days - 1);

    public void Validate()
    {
        if (Students < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Students), Students, "At least one student is needed.");
        }

        if (Days < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Days), Days, "At least one day is needed.");
        }

        if (BurnoutRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BurnoutRate), BurnoutRate, "A probability is in [0, 1].");
        }

        if (Courses < 1 || MaxDegreeOfParallelism < 1 || BlockSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Courses), "Courses, MaxDegreeOfParallelism and BlockSize must be ≥ 1.");
        }
    }
}
