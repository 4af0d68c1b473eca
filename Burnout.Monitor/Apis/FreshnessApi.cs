using Burnout.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Burnout.Monitor.Apis;

public static class FreshnessApi
{
    public static IEndpointRouteBuilder MapFreshnessApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/monitoring/freshness", GetFreshnessAsync)
            .WithTags("Monitoring")
            .WithName("GetDataFreshness")
            .WithSummary("Per cohort: students, the latest day with activity and how many days old it is.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CohortFreshness>>> GetFreshnessAsync(BurnoutDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var cohorts = await db.Students
            .GroupBy(s => s.Cohort)
            .Select(g => new
            {
                Cohort = g.Key,
                Students = g.Count(),
                LatestDay = db.DailyActivity.Where(a => g.Select(s => s.StudentId).Contains(a.StudentId)).Max(a => (DateOnly?)a.Day),
            })
            .OrderBy(c => c.Cohort)
            .ToListAsync(cancellationToken);

        return TypedResults.Ok<IReadOnlyList<CohortFreshness>>(cohorts
            .Select(c => new CohortFreshness(c.Cohort, c.Students, c.LatestDay, c.LatestDay is { } day ? today.DayNumber - day.DayNumber : null))
            .ToArray());
    }
}

/// <param name="DaysSinceLatest">Null when the cohort has no activity at all.</param>
public sealed record CohortFreshness(string Cohort, int Students, DateOnly? LatestDay, int? DaysSinceLatest);
