using System.Globalization;
using Burnout.Features.Csv;

namespace Burnout.Features.Oulad;

/// <summary>
/// Readers for the OULAD CSV files (quoted fields, CRLF), from any <see cref="TextReader"/> (the caller opens and
/// decompresses). Each checks the header and names the line of the first malformed value.
/// </summary>
public static class OuladCsv
{
    public static IEnumerable<OuladCourse> ReadCourses(TextReader reader) =>
        Read(reader, "code_module,code_presentation,module_presentation_length", (f, l) =>
            new OuladCourse(f[0], f[1], Int(f[2], l, "module_presentation_length")));

    public static IEnumerable<OuladVleSite> ReadVle(TextReader reader) =>
        Read(reader, "id_site,code_module,code_presentation,activity_type,week_from,week_to", (f, l) =>
            new OuladVleSite(Long(f[0], l, "id_site"), f[1], f[2], f[3]));

    public static IEnumerable<OuladStudentInfo> ReadStudentInfo(TextReader reader) =>
        Read(reader, "code_module,code_presentation,id_student,gender,region,highest_education,imd_band,age_band,num_of_prev_attempts,studied_credits,disability,final_result", (f, l) =>
            new OuladStudentInfo(
                f[0], f[1], Long(f[2], l, "id_student"), Text(f[3]), Text(f[4]), Text(f[5]), Text(f[6]), Text(f[7]),
                Int(f[8], l, "num_of_prev_attempts"), Int(f[9], l, "studied_credits"),
                f[10] switch { "Y" => true, "N" => false, _ => null },
                f[11]));

    public static IEnumerable<OuladRegistration> ReadRegistrations(TextReader reader) =>
        Read(reader, "code_module,code_presentation,id_student,date_registration,date_unregistration", (f, l) =>
            new OuladRegistration(f[0], f[1], Long(f[2], l, "id_student"), OptionalInt(f[3], l, "date_registration"), OptionalInt(f[4], l, "date_unregistration")));

    public static IEnumerable<OuladAssessment> ReadAssessments(TextReader reader) =>
        Read(reader, "code_module,code_presentation,id_assessment,assessment_type,date,weight", (f, l) =>
            new OuladAssessment(f[0], f[1], Long(f[2], l, "id_assessment"), f[3], OptionalInt(f[4], l, "date"), Float(f[5], l, "weight")));

    public static IEnumerable<OuladStudentAssessment> ReadStudentAssessments(TextReader reader) =>
        Read(reader, "id_assessment,id_student,date_submitted,is_banked,score", (f, l) =>
            new OuladStudentAssessment(
                Long(f[0], l, "id_assessment"), Long(f[1], l, "id_student"), Int(f[2], l, "date_submitted"),
                f[3] == "1", f[4].Length == 0 ? null : Float(f[4], l, "score")));

    public static IEnumerable<OuladClick> ReadClicks(TextReader reader)
    {
        string? module = null, presentation = null;
        return Read(reader, "code_module,code_presentation,id_student,id_site,date,sum_click", (f, l) =>
        {
            // Share the strings of consecutive rows: the file is ordered by presentation.
            module = f[0] == module ? module : f[0];
            presentation = f[1] == presentation ? presentation : f[1];
            return new OuladClick(module, presentation, Long(f[2], l, "id_student"), Long(f[3], l, "id_site"), Int(f[4], l, "date"), Int(f[5], l, "sum_click"));
        });
    }

    private static IEnumerable<T> Read<T>(TextReader reader, string header, Func<List<string>, int, T> parse)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var first = reader.ReadLine() ?? throw new FormatException("The file is empty; expected a header.");
        var columns = CsvFormat.SplitLine(first.TrimEnd('\r').TrimStart('\uFEFF'));
        if (!string.Equals(string.Join(',', columns), header, StringComparison.Ordinal))
        {
            throw new FormatException($"Line 1: expected the header '{header}', got '{string.Join(',', columns)}'.");
        }

        var expected = columns.Count;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = CsvFormat.SplitLine(line.TrimEnd('\r'));
            if (fields.Count != expected)
            {
                throw new FormatException($"Line {lineNumber}: expected {expected} columns, got {fields.Count}.");
            }

            yield return parse(fields, lineNumber);
        }
    }

    private static string? Text(string s) => s.Length == 0 ? null : s;

    private static int Int(string s, int line, string column) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"Line {line}, column {column}: '{s}' is not a whole number.");

    private static int? OptionalInt(string s, int line, string column) => s.Length == 0 ? null : Int(s, line, column);

    private static long Long(string s, int line, string column) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"Line {line}, column {column}: '{s}' is not a whole number.");

    private static float Float(string s, int line, string column) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"Line {line}, column {column}: '{s}' is not a number.");
}
