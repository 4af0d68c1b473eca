using Burnout.Features.Domain;
using Burnout.Features.Validation;

namespace Burnout.Features.Tests;

public sealed class DailyActivityValidatorTests
{
    private static readonly DateOnly Today = new(2025, 5, 1);

    private static DailyActivity Good(string id = "s1", int day = -1) =>
        new(id, Today.AddDays(day), 2, 45, 3, 1, 20, 0, 0, 0, 0.2f, 0);

    [Fact]
    public void A_clean_batch_is_valid()
    {
        var result = DailyActivityValidator.Validate([Good(), Good(day: -2), Good("s2")], IngestionRules.AutoCreate(Today));

        Assert.True(result.IsValid);
        Assert.Equal(3, result.Rows);
    }

    [Fact]
    public void Every_bad_row_is_named_with_its_field_and_reason()
    {
        DailyActivity[] batch =
        [
            Good(),                                          // 0 fine
            Good(day: -3) with { LateNightShare = 1.5f },    // 1 ratio outside [0, 1]
            Good(day: -4) with { Clicks = -2 },              // 2 negative count
            Good(day: 3),                                    // 3 future
            Good("ghost"),                                   // 4 unknown student
            Good(),                                          // 5 duplicate of row 0
            Good(day: -5) with { WeekendShare = float.NaN, ForumPosts = -1 }, // 6 two problems
        ];
        var rules = new IngestionRules(Today, AutoCreateStudents: false, id => id is "s1");

        var result = DailyActivityValidator.Validate(batch, rules);

        Assert.False(result.IsValid);
        var found = result.Problems.Select(p => (p.Row, p.Field)).ToList();
        Assert.Equal(
            [(1L, "late_night_share"), (2L, "clicks"), (3L, "day"), (4L, "student_id"), (5L, "day"), (6L, "forum_posts"), (6L, "weekend_share")],
            found.Order());
        Assert.Contains("outside [0, 1]", result.Problems.Single(p => p.Row == 1).Reason);
        Assert.Contains("negative", result.Problems.Single(p => p.Row == 2).Reason);
        Assert.Contains("future", result.Problems.Single(p => p.Row == 3).Reason);
        Assert.Contains("unknown student 'ghost'", result.Problems.Single(p => p.Row == 4).Reason);
        Assert.Contains("already in row 0", result.Problems.Single(p => p.Row == 5).Reason);
        Assert.Equal(["-2 is a negative count"], result.ToErrors()["rows[2].clicks"]);
    }

    [Fact]
    public void Unknown_students_pass_when_auto_create_is_on()
    {
        var result = DailyActivityValidator.Validate([Good("new")], IngestionRules.AutoCreate(Today));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Report_counts_ranges_duplicates_gaps_and_staleness()
    {
        DailyActivity[] rows =
        [
            Good(day: -10),
            Good(day: -7),                                  // gap of 2 days for s1
            Good(day: -7),                                  // duplicate
            Good("s2", day: -6) with { LateNightShare = 2, SessionMinutes = float.NaN },
        ];

        var report = DataValidationReport.For(rows, Today, maxStaleDays: 2, header: ["student_id", "day", "clicks"]);

        Assert.Equal(4, report.Rows);
        Assert.Equal(2, report.Students);
        Assert.Equal(1, report.DuplicateKeys);
        Assert.Equal(2, report.MissingDays);
        Assert.Equal(6, report.FreshnessDays);
        Assert.Equal(1, report.Columns.Single(c => c.Name == "late_night_share").OutOfRange);
        Assert.Equal(1, report.Columns.Single(c => c.Name == "session_minutes").Missing);
        Assert.Equal(2f, report.Columns.Single(c => c.Name == "late_night_share").Max);
        Assert.Contains(report.SchemaProblems, p => p.Contains("'logins' is missing"));
        Assert.Contains(report.Issues, i => i.StartsWith("stale"));
        Assert.False(report.Passed);
    }

    [Fact]
    public void Report_on_clean_fresh_data_passes()
    {
        var report = DataValidationReport.For([Good(day: 0), Good(day: -1)], Today, header: Csv.DailyActivityCsv.Header.Split(','));

        Assert.True(report.Passed, string.Join("; ", report.Issues));
        Assert.Equal(0, report.FreshnessDays);
    }
}
