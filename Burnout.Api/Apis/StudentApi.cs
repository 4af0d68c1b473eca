using Burnout.Data;
using Burnout.Data.Schema;
using Burnout.Features.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Burnout.Api.Apis;

public static class StudentApi
{
    public static IEndpointRouteBuilder MapStudentApi(this IEndpointRouteBuilder app)
    {
        var students = app.MapGroup("/api/students").WithTags("Students");

        students.MapGet("/", ListAsync)
            .WithName("ListStudents")
            .WithSummary("Registered students, by id, optionally of one cohort; paged.");

        students.MapPost("/", RegisterAsync)
            .RequireAuthorization(Extensions.Extensions.IngestionPolicy)
            .WithName("RegisterStudents")
            .WithSummary("Register or update students (id, cohort, start date, optional demographics); all-or-nothing.");

        return app;
    }

    public static async Task<Results<Ok<StudentPage>, ValidationProblem>> ListAsync(
        BurnoutDbContext db, CancellationToken cancellationToken, string? cohort = null, int page = 1, int pageSize = 50)
    {
        if (page < 1 || pageSize is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [page < 1 ? "page" : "page_size"] = [page < 1 ? "must be 1 or more" : "must be between 1 and 500"],
            });
        }

        var query = db.Students.AsNoTracking();
        query = cohort is null ? query : query.Where(s => s.Cohort == cohort);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(s => s.StudentId).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new StudentPage(total, page, pageSize, items.Select(ToDomain).ToArray()));
    }

    public static async Task<Results<Ok<RegisteredStudents>, ValidationProblem>> RegisterAsync(
        HttpRequest request, BurnoutDbContext db, CancellationToken cancellationToken)
    {
        var (batch, problem) = await JsonBody.ReadAsync<StudentBatchRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < batch!.Students.Count; i++)
        {
            var student = batch.Students[i];
            if (string.IsNullOrWhiteSpace(student.StudentId))
            {
                errors[$"students[{i}].student_id"] = ["is empty"];
            }
            else if (!seen.Add(student.StudentId))
            {
                errors[$"students[{i}].student_id"] = [$"duplicate key '{student.StudentId}' within the batch"];
            }

            if (string.IsNullOrWhiteSpace(student.Cohort))
            {
                errors[$"students[{i}].cohort"] = ["is empty"];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The batch was refused; nothing was stored.");
        }

        var ids = batch.Students.Select(s => s.StudentId).ToArray();
        var existing = await db.Students.Where(s => ids.Contains(s.StudentId)).ToDictionaryAsync(s => s.StudentId, cancellationToken);
        foreach (var student in batch.Students)
        {
            if (!existing.TryGetValue(student.StudentId, out var entity))
            {
                entity = new StudentEntity { StudentId = student.StudentId, Cohort = student.Cohort };
                db.Students.Add(entity);
            }

            entity.Cohort = student.Cohort;
            entity.StartDate = student.StartDate;
            entity.Gender = student.Demographics?.Gender;
            entity.AgeBand = student.Demographics?.AgeBand;
            entity.Region = student.Demographics?.Region;
            entity.ImdBand = student.Demographics?.ImdBand;
            entity.HighestEducation = student.Demographics?.HighestEducation;
            entity.Disability = student.Demographics?.Disability;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RegisteredStudents(batch.Students.Count, batch.Students.Count - existing.Count));
    }

    private static Student ToDomain(StudentEntity s) =>
        new(s.StudentId, s.Cohort, s.StartDate, new StudentDemographics(s.Gender, s.AgeBand, s.Region, s.ImdBand, s.HighestEducation, s.Disability));
}

public sealed record StudentBatchRequest(IReadOnlyList<Student> Students);

public sealed record StudentPage(int Total, int Page, int PageSize, IReadOnlyList<Student> Items);

public sealed record RegisteredStudents(int Received, int Created);
