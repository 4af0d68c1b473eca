using Burnout.Features.Domain;

namespace Burnout.Features.Csv;

/// <summary><c>outcomes.csv</c>: one row per student; empty cells mean "did not happen" (or not yet known).</summary>
public static class OutcomeCsv
{
    public const string Header = "student_id,burnout_onset_date,withdrawal_date,final_result";

    public static void WriteHeader(TextWriter writer) => writer.WriteLine(Header);

    public static void Write(TextWriter writer, StudentOutcome o)
    {
        writer.Write(CsvFormat.Field(o.StudentId));
        writer.Write(',');
        writer.Write(CsvFormat.Date(o.BurnoutOnset));
        writer.Write(',');
        writer.Write(CsvFormat.Date(o.WithdrawalDate));
        writer.Write(',');
        writer.Write(o.FinalResult?.ToString() ?? string.Empty);
        writer.Write('\n');
    }

    public static IEnumerable<StudentOutcome> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!CsvFormat.ReadHeader(reader, Header))
        {
            yield break;
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = CsvFormat.SplitLine(line.TrimEnd('\r'));
            if (f.Count != 4)
            {
                throw new FormatException($"Line {lineNumber}: expected 4 columns.");
            }

            yield return new StudentOutcome(
                f[0],
                ParseDate(f[1], lineNumber, "burnout_onset_date"),
                ParseDate(f[2], lineNumber, "withdrawal_date"),
                f[3].Length == 0 ? null
                    : Enum.TryParse<FinalResult>(f[3], ignoreCase: false, out var r) && Enum.IsDefined(r) ? r
                    : throw new FormatException($"Line {lineNumber}, column final_result: '{f[3]}' is not one of {string.Join(", ", Enum.GetNames<FinalResult>())}."));
        }
    }

    private static DateOnly? ParseDate(string s, int line, string column) =>
        s.Length == 0 ? null
        : DateOnly.TryParseExact(s, CsvFormat.DateFormat, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d
        : throw new FormatException($"Line {line}, column {column}: '{s}' is not a yyyy-MM-dd date.");
}
