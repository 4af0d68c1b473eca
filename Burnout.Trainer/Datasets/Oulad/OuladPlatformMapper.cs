using Burnout.Data.Bulk;
using Burnout.Features.Domain;
using Burnout.Features.Oulad;
using Npgsql;
using NpgsqlTypes;

namespace Burnout.Trainer.Datasets.Oulad;

/// <summary>
/// Reads the raw <c>oulad</c> tables (inside the import's transaction) and writes the platform's rows through the
/// shared <see cref="OuladMapping"/>, so that what the importer stores and what the OULAD features read are
/// defined in one place. Clicks are read one presentation at a time, which bounds memory by the largest run.
/// </summary>
internal static class OuladPlatformMapper
{
    public static async Task<IReadOnlyList<CourseRunCoverage>> FindCoverageAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var courses = new List<OuladCourse>();
        await using (var command = new NpgsqlCommand("SELECT code_module, code_presentation, module_presentation_length FROM oulad.courses", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                courses.Add(new OuladCourse(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }

        var detector = new OuladCoverageDetector();
        await foreach (var click in ReadClicksAsync(connection, null, cancellationToken))
        {
            detector.Add(click);
        }

        return detector.Report(courses);
    }

    public static async Task<OuladMappedCounts> MapAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CourseRunCoverage> coverage, CancellationToken cancellationToken)
    {
        var infos = await ReadStudentInfoAsync(connection, cancellationToken);
        var registrations = await ReadRegistrationsAsync(connection, cancellationToken);
        var students = infos.Select(i => OuladMapping.ToStudent(i)).ToList();
        var outcomes = infos.Select(i => OuladMapping.ToOutcome(i, registrations.GetValueOrDefault((i.Module, i.Presentation, i.IdStudent)))).ToList();

        var sink = PostgresActivitySink.Within(connection, transaction, "oulad");
        await sink.WriteStudentsAsync(students, cancellationToken);
        await sink.WriteOutcomesAsync(outcomes, cancellationToken);

        var assessments = await ReadAssessmentsAsync(connection, students.Select(s => s.StudentId).ToHashSet(StringComparer.Ordinal), cancellationToken);
        await WriteAssessmentsAsync(connection, assessments, cancellationToken);

        long activityRows = 0;
        var complete = coverage.Where(c => c.Status == CoverageStatus.Complete).ToArray();
        foreach (var run in complete)
        {
            var clicks = new List<OuladClick>();
            await foreach (var click in ReadClicksAsync(connection, new OuladPresentation(run.Module, run.Presentation), cancellationToken))
            {
                clicks.Add(click);
            }

            var rows = OuladMapping.ToDailyActivity(clicks).ToList();
            await sink.WriteActivityAsync(rows, cancellationToken);
            activityRows += rows.Count;
        }

        return new OuladMappedCounts(students.Count, outcomes.Count, assessments.Count, activityRows, complete.Length);
    }

    private static async IAsyncEnumerable<OuladClick> ReadClicksAsync(
        NpgsqlConnection connection, OuladPresentation? only, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The mapping wants clicks in file order: presentation, then day.
        var filter = only is null ? string.Empty : "WHERE code_module = @module AND code_presentation = @presentation";
        await using var command = new NpgsqlCommand($"""
            SELECT code_module, code_presentation, id_student, id_site, date, sum_click
            FROM oulad.student_vle {filter}
            ORDER BY code_module, code_presentation, date
            """, connection);
        if (only is { } run)
        {
            command.Parameters.AddWithValue("module", run.Module);
            command.Parameters.AddWithValue("presentation", run.Presentation);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new OuladClick(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
        }
    }

    private static async Task<List<OuladStudentInfo>> ReadStudentInfoAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var infos = new List<OuladStudentInfo>();
        await using var command = new NpgsqlCommand("""
            SELECT code_module, code_presentation, id_student, gender, region, highest_education, imd_band, age_band,
                   num_of_prev_attempts, studied_credits, disability, final_result
            FROM oulad.student_info
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            infos.Add(new OuladStudentInfo(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetInt32(8), reader.GetInt32(9),
                reader.GetString(10) switch { "Y" => true, "N" => false, _ => null }, reader.GetString(11)));
        }

        return infos;
    }

    private static async Task<Dictionary<(string, string, long), OuladRegistration>> ReadRegistrationsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var registrations = new Dictionary<(string, string, long), OuladRegistration>();
        await using var command = new NpgsqlCommand(
            "SELECT code_module, code_presentation, id_student, date_registration, date_unregistration FROM oulad.student_registration", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var registration = new OuladRegistration(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4));
            registrations[(registration.Module, registration.Presentation, registration.IdStudent)] = registration;
        }

        return registrations;
    }

    private static async Task<List<Assessment>> ReadAssessmentsAsync(NpgsqlConnection connection, HashSet<string> knownStudents, CancellationToken cancellationToken)
    {
        var assessments = new List<Assessment>();
        await using var command = new NpgsqlCommand("""
            SELECT a.code_module, a.code_presentation, a.id_assessment, a.assessment_type, a.date, a.weight,
                   s.id_student, s.date_submitted, s.is_banked, s.score
            FROM oulad.student_assessment s JOIN oulad.assessments a USING (id_assessment)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var assessment = new OuladAssessment(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetFloat(5));
            var submission = new OuladStudentAssessment(reader.GetInt32(2), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt16(8) == 1,
                reader.IsDBNull(9) ? null : reader.GetFloat(9));
            var mapped = OuladMapping.ToAssessment(assessment, submission);

            // A handful of submissions belong to registrations that studentInfo does not list; they have no student to attach to.
            if (knownStudents.Contains(mapped.StudentId))
            {
                assessments.Add(mapped);
            }
        }

        return assessments;
    }

    private static async Task WriteAssessmentsAsync(NpgsqlConnection connection, List<Assessment> assessments, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY assessments (student_id, assessment_id, due_date, submitted_date, score, weight) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var a in assessments)
        {
            importer.StartRow();
            importer.Write(a.StudentId, NpgsqlDbType.Text);
            importer.Write(a.AssessmentId, NpgsqlDbType.Text);
            WriteNullable(importer, a.DueDate);
            WriteNullable(importer, a.SubmittedDate);
            WriteNullable(importer, a.Score);
            WriteNullable(importer, a.Weight);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value) where T : struct
    {
        if (value is { } v)
        {
            importer.Write(v);
        }
        else
        {
            importer.WriteNull();
        }
    }
}
