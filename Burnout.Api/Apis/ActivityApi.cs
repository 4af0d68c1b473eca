using Burnout.Api.Extensions;
using Burnout.Api.Ingestion;
using Burnout.Data;
using Burnout.Data.Reading;
using Burnout.Features.Domain;
using Burnout.Features.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Burnout.Api.Apis;

public static class ActivityApi
{
    /// <summary>
    /// The CSV upload streams, so its size is bounded by time and disk, not memory: 8 GiB is a year of daily rows for
    /// a few hundred thousand students. JSON batches keep the server's default limit, because they are read whole.
    /// </summary>
    public const long MaxCsvUploadBytes = 8L << 30;

    public static IEndpointRouteBuilder MapActivityApi(this IEndpointRouteBuilder app)
    {
        var ingestion = app.MapGroup("/api/activity").WithTags("Activity").RequireAuthorization(Extensions.Extensions.IngestionPolicy);

        ingestion.MapPost("/", IngestJsonAsync)
            .WithName("IngestActivity")
            .WithSummary("Upsert a batch of daily activity rows, keyed by (student, day); a batch with any bad row stores nothing.");

        ingestion.MapPost("/csv", IngestCsvAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxCsvUploadBytes))
            .WithName("IngestActivityCsv")
            .WithSummary("Upsert daily activity rows from a streamed CSV upload, with the same all-or-nothing rule.");

        app.MapGet("/api/students/{studentId}/activity", GetStudentActivityAsync)
            .WithTags("Activity")
            .WithName("GetStudentActivity")
            .WithSummary("A student's daily activity, oldest first, optionally within [from, to].");

        app.MapGet("/api/activity/validation", GetValidationReportAsync)
            .WithTags("Activity")
            .WithName("GetActivityValidationReport")
            .WithSummary("Data validation of the stored activity: schema, ranges, missing values, duplicates, gaps and freshness.");

        return app;
    }

    public static async Task<Ok<DataValidationReport>> GetValidationReportAsync(
        NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken, string? cohort = null)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // The rows stream through the report one at a time; the reader is synchronous, so keep it off the request thread.
        var report = await Task.Run(() => DataValidationReport.For(ActivityReader.ReadSorted(connection, cohort, through: null), today), cancellationToken);
        return TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<IngestionResponse>, ValidationProblem>> IngestJsonAsync(
        HttpRequest request, ActivityIngestor ingestor, CancellationToken cancellationToken)
    {
        var (batch, problem) = await JsonBody.ReadAsync<ActivityBatchRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var options = new IngestionOptions(batch!.AutoCreateStudents, batch.Cohort ?? "unassigned");
        var result = await ingestor.IngestAsync(Number(batch.Rows).ToAsyncEnumerable(), options, cancellationToken);
        return IngestionResults.ToHttpResult(result, row => $"rows[{row}]");
    }

    public static async Task<Results<Ok<IngestionResponse>, ValidationProblem>> IngestCsvAsync(
        HttpRequest request,
        ActivityIngestor ingestor,
        CancellationToken cancellationToken,
        bool autoCreateStudents = false,
        string? cohort = null)
    {
        var result = await ingestor.IngestAsync(
            ActivityCsvReader.ReadAsync(request.Body, cancellationToken),
            new IngestionOptions(autoCreateStudents, cohort ?? "unassigned"),
            cancellationToken);
        // Named by line in the file (the header is line 1), which is what an editor shows.
        return IngestionResults.ToHttpResult(result, row => $"line {row + 2}");
    }

    public static async Task<Results<Ok<IReadOnlyList<DailyActivity>>, ProblemHttpResult>> GetStudentActivityAsync(
        string studentId, BurnoutDbContext db, CancellationToken cancellationToken, DateOnly? from = null, DateOnly? to = null)
    {
        if (!await db.Students.AnyAsync(s => s.StudentId == studentId, cancellationToken))
        {
            return TypedResults.Problem(title: "Unknown student", detail: $"No student '{studentId}' is registered.", statusCode: StatusCodes.Status404NotFound);
        }

        var query = db.DailyActivity.AsNoTracking().Where(a => a.StudentId == studentId);
        query = from is null ? query : query.Where(a => a.Day >= from);
        query = to is null ? query : query.Where(a => a.Day <= to);
        var rows = await query.OrderBy(a => a.Day).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DailyActivity>>(rows.Select(a => new DailyActivity(
            a.StudentId, a.Day, a.Logins, a.SessionMinutes, a.ResourcesAccessed, a.ForumPosts, a.Clicks,
            a.AssignmentsDue, a.AssignmentsSubmitted, a.SubmissionDelayHours, a.LateNightShare, a.WeekendShare)).ToArray());
    }

    private static IEnumerable<StagedRow> Number(IReadOnlyList<DailyActivity?> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            yield return rows[i] is { } row
                ? StagedRow.Valid(i, row)
                : StagedRow.Invalid(new RowProblem(i, null, "row", "is null"));
        }
    }
}

/// <param name="Rows">The rows, at most one per (student, day).</param>
/// <param name="AutoCreateStudents">Register unknown students instead of refusing their rows.</param>
/// <param name="Cohort">The cohort of students registered that way.</param>
public sealed record ActivityBatchRequest(IReadOnlyList<DailyActivity?> Rows, bool AutoCreateStudents = false, string? Cohort = null);

/// <param name="RowsReceived">Rows in the batch.</param>
/// <param name="RowsChanged">Rows inserted or changed; a repeated batch changes none.</param>
/// <param name="StudentsCreated">Students registered because of this batch.</param>
public sealed record IngestionResponse(long RowsReceived, long RowsChanged, long StudentsCreated);

