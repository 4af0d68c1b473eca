using System.Globalization;
using Burnout.Features.Csv;
using Burnout.Features.Domain;

namespace Burnout.Features.Validation;

/// <summary>Statistics and rule breaches of one column.</summary>
/// <param name="Name">snake_case column name.</param>
/// <param name="Type">"string", "date", "int" or "float".</param>
/// <param name="Rule">The range the column must stay in, e.g. "[0, 1]".</param>
/// <param name="Missing">Empty ids or non-finite numbers.</param>
/// <param name="OutOfRange">Values outside <paramref name="Rule"/>.</param>
public sealed record ColumnReport(string Name, string Type, string Rule, double? Min, double? Max, double? Mean, long Missing, long OutOfRange);

/// <summary>
/// A data validation report on daily activity, as a plain record the API can serve as JSON: schema, per-column
/// ranges and missing values, duplicate keys, gaps in students' daily series, and freshness against today.
/// </summary>
public sealed record DataValidationReport(
    DateOnly Today,
    long Rows,
    int Students,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    int? FreshnessDays,
    int MaxStaleDays,
    IReadOnlyList<string> ExpectedColumns,
    IReadOnlyList<string> SchemaProblems,
    IReadOnlyList<ColumnReport> Columns,
    long DuplicateKeys,
    long MissingDays,
    long FutureRows,
    IReadOnlyList<string> Issues)
{
    /// <summary>No issue at all: schema matches, every value in range, no duplicate, fresh.</summary>
    public bool Passed => Issues.Count == 0;

    public static DataValidationReport For(IEnumerable<DailyActivity> rows, DateOnly today, int maxStaleDays = 2, IReadOnlyList<string>? header = null)
    {
        var builder = new DataValidationReportBuilder(today, maxStaleDays);
        if (header is not null)
        {
            builder.CheckHeader(header);
        }

        foreach (var row in rows)
        {
            builder.Add(row);
        }

        return builder.Build();
    }
}

/// <summary>Builds a <see cref="DataValidationReport"/> from a stream of rows in any order.</summary>
public sealed class DataValidationReportBuilder(DateOnly today, int maxStaleDays = 2)
{
    private static readonly string[] Expected = DailyActivityCsv.Header.Split(',');

    private readonly Dictionary<string, List<int>> _daysByStudent = new(StringComparer.Ordinal);
    private readonly List<string> _schemaProblems = [];
    private readonly Column[] _columns =
    [
        new("student_id", "string", "non-empty"),
        new("day", "date", "≤ today"),
        new("logins", "int", "≥ 0"),
        new("session_minutes", "float", "[0, 1440]"),
        new("resources_accessed", "int", "≥ 0"),
        new("forum_posts", "int", "≥ 0"),
        new("clicks", "int", "≥ 0"),
        new("assignments_due", "int", "≥ 0"),
        new("assignments_submitted", "int", "≥ 0"),
        new("submission_delay_hours", "float", "≥ 0"),
        new("late_night_share", "float", "[0, 1]"),
        new("weekend_share", "float", "[0, 1]"),
    ];

    private long _rows;
    private long _future;
    private int _minDay = int.MaxValue;
    private int _maxDay = int.MinValue;

    /// <summary>Compares a source's column names with the expected schema (names and order).</summary>
    public void CheckHeader(IReadOnlyList<string> columns)
    {
        foreach (var missing in Expected.Except(columns, StringComparer.Ordinal))
        {
            _schemaProblems.Add($"column '{missing}' is missing");
        }

        foreach (var extra in columns.Except(Expected, StringComparer.Ordinal))
        {
            _schemaProblems.Add($"column '{extra}' is not part of the schema");
        }

        if (_schemaProblems.Count == 0 && !columns.SequenceEqual(Expected, StringComparer.Ordinal))
        {
            _schemaProblems.Add("columns are not in the expected order");
        }
    }

    public void Add(DailyActivity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _rows++;
        var id = row.StudentId ?? string.Empty;
        if (string.IsNullOrWhiteSpace(id))
        {
            _columns[0].Missing++;
        }
        else
        {
            if (!_daysByStudent.TryGetValue(id, out var days))
            {
                _daysByStudent[id] = days = [];
            }

            days.Add(row.Day.DayNumber);
        }

        var day = row.Day.DayNumber;
        _minDay = Math.Min(_minDay, day);
        _maxDay = Math.Max(_maxDay, day);
        if (row.Day > today)
        {
            _future++;
            _columns[1].OutOfRange++;
        }

        _columns[2].Add(row.Logins, 0, double.PositiveInfinity);
        _columns[3].Add(row.SessionMinutes, 0, 1440);
        _columns[4].Add(row.ResourcesAccessed, 0, double.PositiveInfinity);
        _columns[5].Add(row.ForumPosts, 0, double.PositiveInfinity);
        _columns[6].Add(row.Clicks, 0, double.PositiveInfinity);
        _columns[7].Add(row.AssignmentsDue, 0, double.PositiveInfinity);
        _columns[8].Add(row.AssignmentsSubmitted, 0, double.PositiveInfinity);
        _columns[9].Add(row.SubmissionDelayHours, 0, double.PositiveInfinity);
        _columns[10].Add(row.LateNightShare, 0, 1);
        _columns[11].Add(row.WeekendShare, 0, 1);
    }

    public DataValidationReport Build()
    {
        long duplicates = 0, gaps = 0;
        foreach (var days in _daysByStudent.Values)
        {
            days.Sort();
            var distinct = 1;
            for (var i = 1; i < days.Count; i++)
            {
                if (days[i] == days[i - 1])
                {
                    duplicates++;
                }
                else
                {
                    distinct++;
                }
            }

            gaps += days[^1] - days[0] + 1 - distinct;
        }

        DateOnly? first = _rows > 0 ? DateOnly.FromDayNumber(_minDay) : null;
        DateOnly? last = _rows > 0 ? DateOnly.FromDayNumber(_maxDay) : null;
        int? freshness = last is { } l ? today.DayNumber - l.DayNumber : null;
        var columns = _columns.Select(c => c.Report(_rows)).ToArray();

        var issues = new List<string>(_schemaProblems.Select(p => "schema: " + p));
        foreach (var c in columns)
        {
            if (c.Missing > 0)
            {
                issues.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Name}: {c.Missing} missing values"));
            }

            if (c.OutOfRange > 0)
            {
                issues.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Name}: {c.OutOfRange} values outside {c.Rule}"));
            }
        }

        if (duplicates > 0)
        {
            issues.Add(string.Create(CultureInfo.InvariantCulture, $"{duplicates} duplicate (student_id, day) keys"));
        }

        if (_rows == 0)
        {
            issues.Add("no rows");
        }
        else if (freshness > maxStaleDays)
        {
            issues.Add(string.Create(CultureInfo.InvariantCulture, $"stale: the latest day is {last:yyyy-MM-dd}, {freshness} days before {today:yyyy-MM-dd} (allowed {maxStaleDays})"));
        }

        return new DataValidationReport(
            today, _rows, _daysByStudent.Count, first, last, freshness, maxStaleDays, Expected, _schemaProblems.ToArray(),
            columns, duplicates, gaps, _future, issues);
    }

    private sealed class Column(string name, string type, string rule)
    {
        private double _min = double.PositiveInfinity;
        private double _max = double.NegativeInfinity;
        private double _sum;
        private long _count;

        public long Missing { get; set; }

        public long OutOfRange { get; set; }

        public void Add(double value, double low, double high)
        {
            if (!double.IsFinite(value))
            {
                Missing++;
                return;
            }

            if (value < low || value > high)
            {
                OutOfRange++;
            }

            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
            _sum += value;
            _count++;
        }

        public ColumnReport Report(long rows) => type is "string" or "date"
            ? new ColumnReport(name, type, rule, null, null, null, Missing, OutOfRange)
            : new ColumnReport(name, type, rule, _count > 0 ? _min : null, _count > 0 ? _max : null, _count > 0 ? _sum / _count : null, Missing, OutOfRange);
    }
}
