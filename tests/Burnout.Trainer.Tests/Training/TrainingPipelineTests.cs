using Burnout.Ml.Serialization;
using Burnout.Trainer.Training;

namespace Burnout.Trainer.Tests.Training;

public sealed class TrainingPipelineTests
{
    private static readonly Lazy<(TrainingOutcome Outcome, List<(double Progress, string Line)> Log)> s_run = new(() =>
    {
        var log = new List<(double, string)>();
        var outcome = TrainingPipeline.Run(
            SimulatedTrainingRows.Build(new(Students: 300, Days: 150, Seed: 11)),
            CandidateLearner.All,
            new TrainingOptions { SearchCandidates = 3 },
            (progress, line) => log.Add((progress, line)),
            CancellationToken.None);
        return (outcome, log);
    });

    [Fact]
    public void Every_candidate_is_compared_and_the_best_by_held_out_pr_auc_wins()
    {
        var outcome = s_run.Value.Outcome;

        Assert.Equal(CandidateLearner.All.Select(c => c.Name), outcome.Candidates.Select(c => c.Learner));
        Assert.Equal(outcome.Candidates.Max(c => c.HeldOut!.PrAuc), outcome.Best.HeldOut!.PrAuc);
        // The simulator's burnout is learnable from the daily signals: far better than the base rate.
        Assert.True(outcome.Best.HeldOut.Auc > 0.8, $"held-out ROC-AUC {outcome.Best.HeldOut.Auc}");
        Assert.True(outcome.Best.HeldOut.PrAuc > 2 * (outcome.Best.HeldOut.Positives / outcome.Best.HeldOut.Rows));
    }

    [Fact]
    public void The_model_is_calibrated_with_a_threshold_and_ordered_risk_bands_and_survives_serialization()
    {
        var model = s_run.Value.Outcome.Model;

        Assert.NotNull(model.Calibrator);
        Assert.InRange(model.DecisionThreshold, 0.01, 0.99);
        Assert.True(model.Bands.MediumFrom <= model.Bands.HighFrom);
        var restored = ModelSerializer.Deserialize(ModelSerializer.Serialize(model));
        var row = Enumerable.Range(0, model.Schema.Count).ToDictionary(j => model.Schema[j].Name, j => (float)j / 10);
        Assert.Equal(model.Score(row), restored.Score(row));
    }

    [Fact]
    public void Progress_rises_to_one_and_the_log_reads_as_sentences()
    {
        var log = s_run.Value.Log;

        Assert.Equal(1.0, log[^1].Progress);
        Assert.True(log.Zip(log.Skip(1)).All(pair => pair.First.Progress <= pair.Second.Progress));
        Assert.Contains(log, entry => entry.Line.StartsWith("gbdt: held-out PR-AUC", StringComparison.Ordinal));
    }

    [Fact]
    public void Lead_time_counts_burnout_students_flagged_two_to_four_weeks_ahead_within_the_false_alarm_budget()
    {
        var leadTime = s_run.Value.Outcome.LeadTime;

        Assert.True(leadTime.BurnoutStudents > 0);
        Assert.InRange(leadTime.FalseAlarmRate, 0, LeadTimeAnalysis.FalseAlarmBudget);
        Assert.InRange(leadTime.FlaggedInWindow, 0, 1);
        Assert.Equal(LeadTimeAnalysis.WindowEnd, leadTime.FlaggedByDaysBefore.Count);
    }

    [Fact]
    public void A_snapshot_without_burnout_is_refused_with_a_readable_reason()
    {
        var rows = SimulatedTrainingRows.Build(new(Students: 40, Days: 60, Seed: 3));
        var calm = TrainingRows.From([.. rows.Schema.Features.Select(f => f.Name)],
            Enumerable.Range(0, rows.Count).Select(i => new Features.Snapshots.DatasetRow(rows.Students[i], rows.Days[i], rows.Values.AsSpan(i * rows.Schema.Count, rows.Schema.Count).ToArray(), 0f)));

        var error = Assert.Throws<InvalidDataException>(() => TrainingPipeline.Run(calm, CandidateLearner.All, new TrainingOptions(), (_, _) => { }, CancellationToken.None));

        Assert.Contains("single class", error.Message);
    }
}
