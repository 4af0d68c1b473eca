using System.Text;
using Burnout.Features.Csv;
using Burnout.Features.Daily;
using Burnout.Features.Labels;
using Burnout.Features.Simulation;

namespace Burnout.Features.Tests;

public sealed class BaselineCohort
{
    public SimulatedCohort Cohort { get; } = new(new SimulationOptions(2000, 150, Seed: 7));
}

public sealed class CohortSimulatorTests(BaselineCohort baseline) : IClassFixture<BaselineCohort>
{
    private readonly SimulatedCohort _cohort = baseline.Cohort;

    private static async Task<string> GenerateCsv(SimulationOptions options)
    {
        var students = new StringWriter();
        var activity = new StringWriter();
        var outcomes = new StringWriter();
        await new CohortSimulator(options).RunAsync(new CsvActivitySink(students, activity, outcomes));
        return $"{students}\n{activity}\n{outcomes}";
    }

    [Fact]
    public async Task Same_seed_gives_the_same_rows_whatever_the_threads_and_blocks()
    {
        var options = new SimulationOptions(300, 60, Seed: 123, DriftScenario.None);
        var one = await GenerateCsv(options with { MaxDegreeOfParallelism = 1, BlockSize = 1000 });
        var many = await GenerateCsv(options with { MaxDegreeOfParallelism = 4, BlockSize = 7 });
        var otherSeed = await GenerateCsv(options with { Seed = 124 });

        Assert.Equal(one, many);
        Assert.NotEqual(one, otherSeed);
    }

    [Fact]
    public async Task Every_student_has_one_row_per_day_and_the_csv_reads_back_equal()
    {
        var options = new SimulationOptions(50, 40, Seed: 5);
        var activity = new StringWriter();
        var summary = await new CohortSimulator(options).RunAsync(new CsvActivitySink(new StringWriter(), activity, new StringWriter()));

        var read = DailyActivityCsv.Read(new StringReader(activity.ToString())).ToList();
        var expected = new CohortSimulator(options).Students().SelectMany(s => s.Activity).ToList();

        Assert.Equal(50 * 40, summary.ActivityRows);
        Assert.Equal(expected, read);
        Assert.Equal(50 * 40, read.Select(r => (r.StudentId, r.Day)).Distinct().Count());
    }

    [Fact]
    public void Burnout_prevalence_is_between_10_and_15_percent()
    {
        var prevalence = _cohort.Students.Count(s => s.Outcome.BurnoutOnset is not null) / (double)_cohort.Students.Count;

        Assert.InRange(prevalence, 0.10, 0.15);
    }

    [Fact]
    public void Burnout_students_decline_14_to_21_days_before_onset_and_others_do_not()
    {
        var start = _cohort.Options.StartDate;
        var burnout = _cohort.Students
            .Where(s => s.Outcome.BurnoutOnset is { } o && o.DayNumber - start.DayNumber >= 42)
            .Select(s => (s.Student.StudentId, s.Outcome.BurnoutOnset!.Value))
            .ToList();
        var onsets = burnout.Select(b => b.Value).ToList();
        var others = _cohort.Students
            .Where(s => s.Outcome.BurnoutOnset is null && s.Outcome.WithdrawalDate is null)
            .Select((s, i) => (s.Student.StudentId, onsets[i % onsets.Count]))
            .ToList();
        Assert.True(burnout.Count > 100, $"only {burnout.Count} burnout students with 42 days of history");

        foreach (var feature in new[] { DailyFeatures.LoginCount, DailyFeatures.ResourcesAccessed })
        {
            var burnoutRatio = _cohort.MeanOver(burnout, -21, -14, feature) / _cohort.MeanOver(burnout, -42, -28, feature);
            var otherRatio = _cohort.MeanOver(others, -21, -14, feature) / _cohort.MeanOver(others, -42, -28, feature);

            Assert.True(burnoutRatio < 0.85, $"{DailyFeatures.Set.Columns[feature].Name}: burnout students kept {burnoutRatio:P1} of their level");
            Assert.InRange(otherRatio, 0.95, 1.05);
        }

        var lateNightBefore = _cohort.MeanOver(burnout, -42, -28, DailyFeatures.LateNightActivityRatio);
        var lateNightAfter = _cohort.MeanOver(burnout, -21, -14, DailyFeatures.LateNightActivityRatio);
        Assert.True(lateNightAfter > lateNightBefore + 0.03, $"late-night share {lateNightBefore:F3} -> {lateNightAfter:F3}");
    }

    [Fact]
    public void Batch_and_serving_paths_agree_on_every_student_day()
    {
        var compared = 0;
        foreach (var student in _cohort.Students.Take(150))
        {
            var history = student.Activity.ToList();
            for (var day = _cohort.Options.StartDate; day <= _cohort.Options.EndDate; day = day.AddDays(1))
            {
                var serving = DailyFeatureCalculator.Compute(history, day);
                var batch = _cohort.Features[(student.Student.StudentId, day)];
                for (var f = 0; f < serving.Length; f++)
                {
                    if (BitConverter.SingleToInt32Bits(serving[f]) != BitConverter.SingleToInt32Bits(batch[f]))
                    {
                        Assert.Fail($"{student.Student.StudentId} {day}: {DailyFeatures.Set.Columns[f].Name} serving {serving[f]:R} batch {batch[f]:R}");
                    }
                }

                compared++;
            }
        }

        Assert.Equal(150 * 150, compared);
    }

    [Fact]
    public void Changing_the_future_never_changes_a_feature()
    {
        var asOf = _cohort.Options.StartDate.AddDays(70);
        foreach (var student in _cohort.Students.Take(200))
        {
            var history = student.Activity.ToList();
            var mutated = history
                .Select(r => r.Day <= asOf ? r : r with { Logins = r.Logins + 50, Clicks = 999, ForumPosts = 9, LateNightShare = 1, SubmissionDelayHours = 500 })
                .Concat([DailyActivity(student.Student.StudentId, asOf.AddDays(500))])
                .ToList();

            Assert.Equal(DailyFeatureCalculator.Compute(history, asOf), DailyFeatureCalculator.Compute(mutated, asOf));
        }

        // The batch path too: features up to the as-of day do not depend on the rows after it.
        var cut = new Dictionary<(string, DateOnly), float[]>();
        DailyFeatureCalculator.ComputeBatch(
            _cohort.Students.Take(200).SelectMany(s => s.Activity.Where(r => r.Day <= asOf)),
            (id, day, f) => cut[(id, day)] = f.ToArray());
        Assert.Equal(200 * 71, cut.Count);
        Assert.All(cut, kv => Assert.Equal(_cohort.Features[kv.Key], kv.Value));
    }

    private static Domain.DailyActivity DailyActivity(string id, DateOnly day) => new(id, day, 3, 30, 3, 3, 30, 0, 0, 0, 0.9f, 0);

    [Fact]
    public void Population_shift_moves_late_night_activity_but_not_who_burns_out()
    {
        var shifted = new SimulatedCohort(_cohort.Options with { Students = 500, Scenario = DriftScenario.PopulationShift });
        var reference = new SimulatedCohort(_cohort.Options with { Students = 500 });

        double MeanLateNight(SimulatedCohort c) => c.Features.Values.Average(f => f[DailyFeatures.LateNightActivityRatio]);

        Assert.True(MeanLateNight(shifted) > MeanLateNight(reference) + 0.15, $"{MeanLateNight(reference):F3} -> {MeanLateNight(shifted):F3}");
        Assert.Equal(reference.Students.Select(s => s.Outcome.BurnoutOnset), shifted.Students.Select(s => s.Outcome.BurnoutOnset));
    }

    [Fact]
    public void Concept_change_makes_the_same_decline_mean_less_risk()
    {
        var options = _cohort.Options with { Students = 1500 };
        var changed = new SimulatedCohort(options with { Scenario = DriftScenario.ConceptChange });
        var reference = new SimulatedCohort(options);

        double RiskGivenDecline(SimulatedCohort c)
        {
            var outcomes = c.Outcomes;
            var labels = c.Features
                .Where(kv => kv.Value[DailyFeatures.EngagementDropPct14d] >= 40)
                .Select(kv => BurnoutOnsetLabel.Compute(outcomes[kv.Key.Id], kv.Key.Day, c.Options.EndDate))
                .OfType<float>()
                .ToList();
            return labels.Average();
        }

        var before = RiskGivenDecline(reference);
        var after = RiskGivenDecline(changed);

        Assert.True(after < 0.7 * before, $"P(onset within 21 d | drop ≥ 40 %) {before:P1} -> {after:P1}");
        Assert.Equal(reference.Students.Select(s => s.Outcome.BurnoutOnset), changed.Students.Select(s => s.Outcome.BurnoutOnset));
    }

    [Fact]
    public void Broken_feed_sticks_forum_posts_at_zero_from_mid_period_and_changes_nothing_else()
    {
        var options = _cohort.Options with { Students = 300 };
        var broken = new CohortSimulator(options with { Scenario = DriftScenario.BrokenFeed }).Students().SelectMany(s => s.Activity).ToList();
        var reference = new CohortSimulator(options).Students().SelectMany(s => s.Activity).ToList();
        var breakDay = options.StartDate.AddDays(options.Days / 2);

        Assert.All(broken.Where(r => r.Day >= breakDay), r => Assert.Equal(0, r.ForumPosts));
        Assert.True(reference.Where(r => r.Day >= breakDay).Sum(r => r.ForumPosts) > 1000);
        Assert.Equal(reference.Where(r => r.Day < breakDay), broken.Where(r => r.Day < breakDay));
        Assert.Equal(
            reference.Select(r => r with { ForumPosts = 0 }),
            broken.Select(r => r with { ForumPosts = 0 }));
    }
}
