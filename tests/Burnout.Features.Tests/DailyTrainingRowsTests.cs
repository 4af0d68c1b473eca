using Burnout.Features.Daily;
using Burnout.Features.Labels;
using Burnout.Features.Simulation;

namespace Burnout.Features.Tests;

public sealed class DailyTrainingRowsTests
{
    [Fact]
    public void Training_rows_are_the_batch_features_of_the_labelled_days()
    {
        var options = new SimulationOptions(400, 120, Seed: 3);
        var cohort = new SimulatedCohort(options);
        var outcomes = cohort.Outcomes;
        var rows = new List<(string Id, DateOnly Day, float[] Features, float Label)>();

        var emitted = DailyTrainingRows.Build(
            cohort.Students.SelectMany(s => s.Activity), outcomes, options.EndDate, (id, day, f, label) => rows.Add((id, day, f.ToArray(), label)));

        var expectedLabels = cohort.Features.Keys
            .Select(k => (k, Label: BurnoutOnsetLabel.Compute(outcomes[k.Id], k.Day, options.EndDate)))
            .Where(x => x.Label is not null)
            .ToDictionary(x => x.k, x => x.Label!.Value);
        Assert.Equal(expectedLabels.Count, emitted);
        Assert.Equal(expectedLabels.Count, rows.Count);
        Assert.Contains(rows, r => r.Label == 1f);
        Assert.DoesNotContain(rows, r => r.Label == 0f && r.Day > options.EndDate.AddDays(-BurnoutOnsetLabel.DefaultHorizonDays)); // a negative needs the whole horizon observed
        Assert.All(rows, r =>
        {
            Assert.Equal(expectedLabels[(r.Id, r.Day)], r.Label);
            Assert.Equal(cohort.Features[(r.Id, r.Day)], r.Features);
        });
    }
}
