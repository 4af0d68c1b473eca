using Burnout.Features.Domain;

namespace Burnout.Features.Csv;

/// <summary><c>students.csv</c>: one row per student, demographics empty when unknown.</summary>
public static class StudentCsv
{
    public const string Header = "student_id,cohort,start_date,gender,age_band,region,imd_band,highest_education,disability";

    public static void WriteHeader(TextWriter writer) => writer.WriteLine(Header);

    public static void Write(TextWriter writer, Student s)
    {
        var d = s.Demographics;
        writer.Write(CsvFormat.Field(s.StudentId));
        writer.Write(',');
        writer.Write(CsvFormat.Field(s.Cohort));
        writer.Write(',');
        writer.Write(CsvFormat.Date(s.StartDate));
        writer.Write(',');
        writer.Write(CsvFormat.Field(d?.Gender));
        writer.Write(',');
        writer.Write(CsvFormat.Field(d?.AgeBand));
        writer.Write(',');
        writer.Write(CsvFormat.Field(d?.Region));
        writer.Write(',');
        writer.Write(CsvFormat.Field(d?.ImdBand));
        writer.Write(',');
        writer.Write(CsvFormat.Field(d?.HighestEducation));
        writer.Write(',');
        writer.Write(d?.Disability switch { true => "true", false => "false", null => string.Empty });
        writer.Write('\n');
    }
}
