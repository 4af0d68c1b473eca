namespace Burnout.Features.Oulad;

/// <summary>How much of a course run the click log covers.</summary>
public enum CoverageStatus
{
    /// <summary>Clicks reach (nearly) the last day of the presentation.</summary>
    Complete,

    /// <summary>The last click day is well before the end of the presentation: the log was cut off.</summary>
    Truncated,

    /// <summary>No clicks at all for a presentation listed in courses.csv.</summary>
    Absent,

    /// <summary>Clicks for a presentation that courses.csv does not list, so its length is unknown.</summary>
    Unlisted,
}

/// <summary>The click coverage of one presentation.</summary>
public sealed record CourseRunCoverage(
    string Module,
    string Presentation,
    int LengthDays,
    int? FirstClickDay,
    int? LastClickDay,
    long ClickRows,
    int Students,
    CoverageStatus Status,
    string Reason);

/// <summary>
/// Detects truncated course runs from the data: a run is truncated when its last click day is more than
/// <see cref="ToleranceDays"/> days before <c>module_presentation_length</c>. Feed it every click (streaming;
/// memory is per presentation and student), then ask for <see cref="Report"/>.
/// </summary>
public sealed class OuladCoverageDetector(int toleranceDays = OuladCoverageDetector.DefaultToleranceDays)
{
    /// <summary>
    /// Two weeks: complete runs in OULAD have clicks until the last day or a few days before it, and a student-facing
    /// course is never silent for two weeks at its end (the exam and final assignment fall there).
    /// </summary>
    public const int DefaultToleranceDays = 14;

    private readonly Dictionary<OuladPresentation, Acc> _byPresentation = [];

    public int ToleranceDays => toleranceDays;

    public void Add(OuladClick click)
    {
        ArgumentNullException.ThrowIfNull(click);
        if (!_byPresentation.TryGetValue(click.Key, out var acc))
        {
            _byPresentation[click.Key] = acc = new Acc();
        }

        acc.First = Math.Min(acc.First, click.Day);
        acc.Last = Math.Max(acc.Last, click.Day);
        acc.Rows++;
        acc.Students.Add(click.IdStudent);
    }

    public void AddRange(IEnumerable<OuladClick> clicks)
    {
        foreach (var click in clicks)
        {
            Add(click);
        }
    }

    /// <summary>One line per presentation of <paramref name="courses"/>, in their order, plus any clicked presentation not listed.</summary>
    public IReadOnlyList<CourseRunCoverage> Report(IEnumerable<OuladCourse> courses)
    {
        var result = new List<CourseRunCoverage>();
        var listed = new HashSet<OuladPresentation>();
        foreach (var course in courses)
        {
            listed.Add(course.Key);
            if (!_byPresentation.TryGetValue(course.Key, out var acc))
            {
                result.Add(new CourseRunCoverage(course.Module, course.Presentation, course.LengthDays, null, null, 0, 0, CoverageStatus.Absent, "no clicks in the log"));
                continue;
            }

            var truncated = acc.Last < course.LengthDays - toleranceDays;
            result.Add(new CourseRunCoverage(
                course.Module,
                course.Presentation,
                course.LengthDays,
                acc.First,
                acc.Last,
                acc.Rows,
                acc.Students.Count,
                truncated ? CoverageStatus.Truncated : CoverageStatus.Complete,
                truncated
                    ? $"last click on day {acc.Last} of {course.LengthDays}: {course.LengthDays - acc.Last} days missing (tolerance {toleranceDays})"
                    : $"clicks until day {acc.Last} of {course.LengthDays}"));
        }

        foreach (var (key, acc) in _byPresentation.Where(kv => !listed.Contains(kv.Key)))
        {
            result.Add(new CourseRunCoverage(key.Module, key.Presentation, 0, acc.First, acc.Last, acc.Rows, acc.Students.Count, CoverageStatus.Unlisted, "presentation is not in courses.csv; its length is unknown"));
        }

        return result;
    }

    private sealed class Acc
    {
        public int First { get; set; } = int.MaxValue;
        public int Last { get; set; } = int.MinValue;
        public long Rows { get; set; }
        public HashSet<long> Students { get; } = [];
    }
}
