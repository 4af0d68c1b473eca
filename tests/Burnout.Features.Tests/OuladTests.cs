using Burnout.Features.Domain;
using Burnout.Features.Oulad;

namespace Burnout.Features.Tests;

public sealed class OuladTests(OuladFixture data) : IClassFixture<OuladFixture>
{
    private const long AaaPass = 2562034;
    private const long AaaWithdrawnDay58 = 147793;
    private const long BbbFailImd1020 = 534908;

    [Fact]
    public void Fixture_tables_are_read_whole()
    {
        Assert.Equal(22, data.Courses.Count);
        Assert.Equal(326, data.Clicks.Count);
        Assert.Equal(7, data.Infos.Count);
        Assert.Contains(data.Assessments, a => a.DueDay is null);
        Assert.Equal(268, data.Courses.Single(c => c is { Module: "BBB", Presentation: "2013J" }).LengthDays);
    }

    [Fact]
    public void Truncated_course_runs_are_detected_from_the_data()
    {
        var detector = new OuladCoverageDetector();
        detector.AddRange(data.Clicks);

        var report = detector.Report(data.Courses).ToDictionary(r => $"{r.Module} {r.Presentation}");

        Assert.Equal(CoverageStatus.Truncated, report["BBB 2013J"].Status);
        Assert.Equal(133, report["BBB 2013J"].LastClickDay);
        Assert.Contains("day 133 of 268", report["BBB 2013J"].Reason);
        Assert.Equal(CoverageStatus.Complete, report["AAA 2013J"].Status);
        Assert.Equal(CoverageStatus.Complete, report["AAA 2014J"].Status);
        Assert.Equal(CoverageStatus.Complete, report["BBB 2013B"].Status);
        Assert.Equal(18, report.Values.Count(r => r.Status == CoverageStatus.Absent));
    }

    [Fact]
    public void Truncation_depends_on_the_last_click_not_on_the_presentation_name()
    {
        var detector = new OuladCoverageDetector();
        detector.AddRange(data.Clicks.Where(c => !(c.Module == "AAA" && c.Presentation == "2013J" && c.Day > 200)));

        var aaa = detector.Report(data.Courses).Single(r => r is { Module: "AAA", Presentation: "2013J" });

        Assert.Equal(CoverageStatus.Truncated, aaa.Status);
    }

    [Fact]
    public void Clicks_map_to_daily_activity_per_student_and_day()
    {
        var rows = OuladMapping.ToDailyActivity(data.Clicks).ToList();
        var id = OuladMapping.StudentId("AAA", "2013J", AaaPass);
        var raw = data.Clicks.Where(c => c.IdStudent == AaaPass).GroupBy(c => c.Day).ToDictionary(g => g.Key);
        var mine = rows.Where(r => r.StudentId == id).ToList();

        Assert.Equal(raw.Count, mine.Count);
        foreach (var row in mine)
        {
            var day = row.Day.DayNumber - new DateOnly(2013, 10, 1).DayNumber;
            Assert.Equal(raw[day].Sum(c => c.SumClick), row.Clicks);
            Assert.Equal(raw[day].Select(c => c.IdSite).Distinct().Count(), row.ResourcesAccessed);
            Assert.Equal(1, row.Logins);
        }

        Assert.Equal(rows.Count, rows.Select(r => (r.StudentId, r.Day)).Distinct().Count());
        Assert.Throws<ArgumentException>(() => OuladMapping.ToDailyActivity(data.Clicks.Skip(1).Append(data.Clicks[0])).ToList());
    }

    [Fact]
    public void Unregistration_maps_to_withdrawal_and_final_result_to_the_outcome()
    {
        var info = data.Infos.Single(i => i.IdStudent == AaaWithdrawnDay58);
        var registration = data.Registrations.Single(r => r.IdStudent == AaaWithdrawnDay58);

        var outcome = OuladMapping.ToOutcome(info, registration);
        var student = OuladMapping.ToStudent(info, registration);

        Assert.Equal("AAA-2013J-147793", outcome.StudentId);
        Assert.Equal(new DateOnly(2013, 10, 1).AddDays(58), outcome.WithdrawalDate);
        Assert.Equal(FinalResult.Withdrawn, outcome.FinalResult);
        Assert.Null(outcome.BurnoutOnset);
        Assert.Equal("AAA-2013J", student.Cohort);
        Assert.Equal("80-90%", student.Demographics?.ImdBand);

        var pass = OuladMapping.ToOutcome(data.Infos.Single(i => i.IdStudent == AaaPass), data.Registrations.Single(r => r.IdStudent == AaaPass));
        Assert.Null(pass.WithdrawalDate);
        Assert.Equal(FinalResult.Pass, pass.FinalResult);
    }

    [Fact]
    public void Full_features_match_the_raw_rows_before_the_cutoff()
    {
        var history = data.Histories[AaaPass];
        const int cutoff = 60;
        var before = data.Clicks.Where(c => c.IdStudent == AaaPass && c.Day < cutoff).ToList();
        var forumSites = data.Vle.Where(v => v.IsForum).Select(v => v.IdSite).ToHashSet();

        var f = OuladFeatureCalculator.ComputeFull(history, cutoff);

        Assert.Equal(before.Sum(c => c.SumClick), f[0]);
        Assert.Equal(before.Where(c => forumSites.Contains(c.IdSite)).Sum(c => c.SumClick), f[1]);
        Assert.Equal(before.Select(c => c.Day).Distinct().Count(), f[2]);
        Assert.Equal((float)before.Sum(c => c.SumClick) / before.Select(c => c.Day).Distinct().Count(), f[4], 4);
        var scored = data.Submissions.Where(s => s.IdStudent == AaaPass && s.SubmittedDay < cutoff && s.Score is not null).ToList();
        Assert.Equal((float)scored.Average(s => (double)s.Score!.Value), f[7], 4);
        Assert.Equal(scored.Min(s => s.Score!.Value), f[8]);
        Assert.Equal(OuladFeatures.Full.Count, f.Length);
        Assert.Equal(0f, f[15]);
    }

    [Fact]
    public void Hand_computed_features_of_a_tiny_history()
    {
        var info = new OuladStudentInfo("XXX", "2014J", 1, null, null, null, "10-20", null, 2, 60, null, "Pass");
        var history = new OuladStudentHistory(
            info,
            null,
            [new(-3, 4, 0), new(1, 10, 5), new(2, 20, 0), new(9, 30, 10), new(15, 6, 0), new(40, 100, 0)],
            [new(1, 10, 12, 60f), new(2, 20, 19, 80f), new(3, 30, 40, 90f)]);

        var f = OuladFeatureCalculator.ComputeFull(history, cutoffDay: 21);

        Assert.Equal(70f, f[0]);                        // 4 + 10 + 20 + 30 + 6; day 40 is after the cutoff
        Assert.Equal(15f, f[1]);
        Assert.Equal(5f, f[2]);
        Assert.Equal(4 * 7f / 21f, f[3]);               // 4 active days on or after day 0, over 3 weeks
        Assert.Equal(14f, f[4]);                        // 70 clicks / 5 active days
        Assert.Equal(0.5f, f[5]);                       // due 10 submitted 12 (late), due 20 submitted 19; day 40 not yet
        Assert.Equal(1f, f[6]);                         // (2 + 0) / 2
        Assert.Equal(70f, f[7]);
        Assert.Equal(60f, f[8]);
        Assert.Equal(20f, f[9], 4);                     // +20 points in 7 days
        Assert.Equal((34f - 36f) / 34f, f[10], 6);      // days -7..6: 34 clicks; days 7..20: 36
        Assert.Equal(0f, f[11]);                        // weeks 0 and 1 tie at 30 clicks: the earlier wins
        var daily = new double[21];
        daily[1] = 10; daily[2] = 20; daily[9] = 30; daily[15] = 6;
        var mean = daily.Average();
        Assert.Equal((float)Math.Sqrt(daily.Sum(x => (x - mean) * (x - mean)) / 21), f[12], 4);
        Assert.Equal(0f, f[13]);
        Assert.Equal(1f, f[14]);                        // "10-20" is OULAD's spelling of the second band
        Assert.Equal(2f, f[15]);
        Assert.Equal(60f, f[16]);

        var silent = OuladFeatureCalculator.ComputeFull(history, cutoffDay: 38);
        Assert.Equal(1f, silent[13]);                   // no click on days 24..37

        var early = OuladFeatureCalculator.ComputeEarly(history, cutoffDay: 200);
        var full28 = OuladFeatureCalculator.ComputeFull(history, 28);
        Assert.Equal(OuladFeatures.Early.Columns.Select(c => full28[OuladFeatures.Full.IndexOf(c.Name)]), early);
    }

    [Fact]
    public void Future_rows_and_outcomes_never_change_a_feature()
    {
        foreach (var history in data.Histories.Values)
        {
            foreach (var cutoff in new[] { 14, 28, 63, 120 })
            {
                var mutated = history with
                {
                    Info = history.Info with { FinalResult = "Distinction" },
                    Registration = history.Registration is null ? null : history.Registration with { UnregistrationDay = cutoff },
                    ClickDays = history.ClickDays.Select(d => d.Day >= cutoff ? d with { Clicks = d.Clicks * 7 + 1, ForumClicks = 3 } : d)
                        .Append(new OuladClickDay(cutoff + 500, 1000, 1000)).ToArray(),
                    Submissions = history.Submissions.Select(s => s.SubmittedDay >= cutoff ? s with { Score = 0, SubmittedDay = s.SubmittedDay + 30 } : s).ToArray(),
                };

                Assert.Equal(OuladFeatureCalculator.ComputeFull(history, cutoff), OuladFeatureCalculator.ComputeFull(mutated, cutoff));
                Assert.Equal(OuladFeatureCalculator.ComputeEarly(history, cutoff), OuladFeatureCalculator.ComputeEarly(mutated, cutoff));
            }
        }
    }

    [Fact]
    public void Withdrawal_labels_look_21_days_ahead_of_weekly_cutoffs()
    {
        var withdrawn = data.Histories[AaaWithdrawnDay58];
        var passed = data.Histories[AaaPass];

        Assert.Equal(0f, OuladLabels.WithdrawsWithin21Days(withdrawn, 35, 268));   // 58 >= 35 + 21
        Assert.Equal(1f, OuladLabels.WithdrawsWithin21Days(withdrawn, 42, 268));
        Assert.Equal(1f, OuladLabels.WithdrawsWithin21Days(withdrawn, 56, 268));
        Assert.Null(OuladLabels.WithdrawsWithin21Days(withdrawn, 63, 268));        // already gone
        Assert.Equal(0f, OuladLabels.WithdrawsWithin21Days(passed, 252, 268));
        Assert.Null(OuladLabels.WithdrawsWithin21Days(passed, 268, 268));
        Assert.Equal([7, 14, 21, 28], OuladLabels.WeeklyCutoffs(29));
        Assert.Equal(1f, OuladLabels.IsWithdrawnOrFail(withdrawn));
        Assert.Equal(1f, OuladLabels.IsWithdrawnOrFail(data.Histories[BbbFailImd1020]));
        Assert.Equal(0f, OuladLabels.IsWithdrawnOrFail(passed));
        Assert.Equal("oulad-withdraw-21d@1", OuladLabels.WithdrawalWithin21Days.Key);
        Assert.Equal(1f, OuladFeatureCalculator.ComputeFull(data.Histories[BbbFailImd1020], 100)[14]);
    }
}
