using System.Globalization;
using System.Runtime.CompilerServices;
using Burnout.Features.Csv;
using Burnout.Features.Domain;
using Burnout.Features.Validation;

namespace Burnout.Api.Ingestion;

/// <summary>
/// Reads daily activity rows from a CSV stream one record at a time, so an upload of any size is never held in
/// memory. Unlike <see cref="DailyActivityCsv.Read"/> (fixed column order, stops at the first bad value: fast, for
/// files this project wrote), it accepts any column order and reports every bad cell, as an upload needs. Rows are numbered from 0, the first line after the header. The header names the columns (the same snake_case names as the JSON body), in any order. A cell that
/// cannot be read becomes a problem naming its row and column, and reading goes on so every bad cell is reported.
/// </summary>
internal static class ActivityCsvReader
{
    /// <summary>The columns of the generator's <c>daily_activity.csv</c> (<see cref="DailyActivityCsv"/>), which uploads may reorder.</summary>
    public static readonly IReadOnlyList<string> Columns = DailyActivityCsv.Header.Split(',');

    public static async IAsyncEnumerable<StagedRow> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var headerLine = await reader.ReadLineAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            yield return StagedRow.Invalid(new RowProblem(-1, null, "file", "the file is empty; expected a header row naming " + string.Join(", ", Columns)));
            yield break;
        }

        var header = CsvFormat.SplitLine(headerLine);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            yield return StagedRow.Invalid(new RowProblem(-1, null, missing[0], $"the header lacks the column(s) {string.Join(", ", missing)}"));
            yield break;
        }

        long row = -1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            row++;
            var cells = new CellReader(CsvFormat.SplitLine(line), index, row);
            var activity = new DailyActivity(
                cells.Text("student_id"),
                cells.Date("day"),
                cells.Int("logins"),
                cells.Float("session_minutes"),
                cells.Int("resources_accessed"),
                cells.Int("forum_posts"),
                cells.Int("clicks"),
                cells.Int("assignments_due"),
                cells.Int("assignments_submitted"),
                cells.Float("submission_delay_hours"),
                cells.Float("late_night_share"),
                cells.Float("weekend_share"));
            yield return cells.Problems is null ? StagedRow.Valid(row, activity) : StagedRow.Invalid(cells.Problems.ToArray());
        }
    }

    /// <summary>Reads typed cells of one record, collecting a problem for each cell it cannot read.</summary>
    private sealed class CellReader(List<string> record, Dictionary<string, int> index, long row)
    {
        public List<RowProblem>? Problems { get; private set; }

        public string Text(string column)
        {
            var value = Raw(column);
            if (value.Length == 0)
            {
                Fail(column, "is empty");
            }

            return value;
        }

        public DateOnly Date(string column) =>
            DateOnly.TryParseExact(Raw(column), CsvFormat.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : Fail<DateOnly>(column, $"'{Raw(column)}' is not a date (yyyy-MM-dd)");

        public int Int(string column) =>
            int.TryParse(Raw(column), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : Fail<int>(column, $"'{Raw(column)}' is not a whole number");

        public float Float(string column) =>
            float.TryParse(Raw(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
                ? value
                : Fail<float>(column, $"'{Raw(column)}' is not a number");

        private string Raw(string column)
        {
            var i = index[column];
            return i < record.Count ? record[i].Trim() : string.Empty;
        }

        private T Fail<T>(string column, string reason)
        {
            Fail(column, reason);
            return default!;
        }

        private void Fail(string column, string reason)
        {
            Problems ??= [];
            var studentIndex = index["student_id"];
            var student = studentIndex < record.Count && record[studentIndex].Length > 0 ? record[studentIndex] : null;
            Problems.Add(new RowProblem(row, student, column, reason));
        }
    }
}

/// <summary>A row on its way into staging: either a value to store, or the reasons it cannot be read.</summary>
internal readonly record struct StagedRow(long Row, DailyActivity? Activity, IReadOnlyList<RowProblem> Problems)
{
    public static StagedRow Valid(long row, DailyActivity activity) => new(row, activity, []);

    public static StagedRow Invalid(params IReadOnlyList<RowProblem> problems) => new(problems[0].Row, null, problems);
}
