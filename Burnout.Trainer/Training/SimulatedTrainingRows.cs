using Burnout.Features.Daily;
using Burnout.Features.Simulation;
using Burnout.Features.Snapshots;

namespace Burnout.Trainer.Training;

/// <summary>A generated cohort turned into labelled rows exactly as a snapshot of it would hold them, without a database.</summary>
public static class SimulatedTrainingRows
{
    public static TrainingRows Build(SimulationOptions options)
    {
        var cohort = new CohortSimulator(options).Students().ToList();
        var rows = new List<DatasetRow>();
        DailyTrainingRows.Build(
            cohort.SelectMany(s => s.Activity).OrderBy(a => a.StudentId, StringComparer.Ordinal).ThenBy(a => a.Day),
            cohort.ToDictionary(s => s.Student.StudentId, s => s.Outcome),
            options.EndDate,
            (id, day, features, label) => rows.Add(new DatasetRow(id, day, features.ToArray(), label)));
        return TrainingRows.From(DailyFeatures.Set.Names, rows);
    }
}
