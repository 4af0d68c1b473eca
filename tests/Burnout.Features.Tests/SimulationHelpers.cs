using Burnout.Features.Daily;
using Burnout.Features.Domain;
using Burnout.Features.Simulation;

namespace Burnout.Features.Tests;

/// <summary>A generated cohort with its batch features, keyed by (student, day).</summary>
public sealed class SimulatedCohort
{
    public SimulatedCohort(SimulationOptions options)
    {
        Options = options;
        Students = new CohortSimulator(options).Students().ToList();
        DailyFeatureCalculator.ComputeBatch(
            Students.SelectMany(s => s.Activity),
            (id, day, f) => Features[(id, day)] = f.ToArray());
    }

    public SimulationOptions Options { get; }

    public List<SimulatedStudent> Students { get; }

    public Dictionary<(string Id, DateOnly Day), float[]> Features { get; } = [];

    public Dictionary<string, StudentOutcome> Outcomes => Students.ToDictionary(s => s.Student.StudentId, s => s.Outcome);

    public float Feature(string id, DateOnly day, int feature) => Features[(id, day)][feature];

    /// <summary>Mean of a feature over the student-days [from, to] (offsets relative to <paramref name="anchor"/>).</summary>
    public double MeanOver(IEnumerable<(string Id, DateOnly Anchor)> anchors, int from, int to, int feature)
    {
        var values = new List<double>();
        foreach (var (id, anchor) in anchors)
        {
            for (var k = from; k <= to; k++)
            {
                var day = anchor.AddDays(k);
                if (day >= Options.StartDate && day <= Options.EndDate)
                {
                    values.Add(Feature(id, day, feature));
                }
            }
        }

        return values.Average();
    }
}
