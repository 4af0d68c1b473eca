using System.Globalization;
using Burnout.Features.Domain;

namespace Burnout.Features.Oulad;

/// <summary>
/// Maps OULAD rows onto the platform's domain: a student is one registration (module, presentation, id_student);
/// relative days become dates from a nominal presentation start; unregistration becomes a withdrawal;
/// final_result becomes the final outcome. Details and caveats: docs/data.md.
/// </summary>
public static class OuladMapping
{
    /// <summary>The pseudonymous student id of one registration, e.g. <c>AAA-2013J-11391</c>.</summary>
    public static string StudentId(string module, string presentation, long idStudent) =>
        string.Create(CultureInfo.InvariantCulture, $"{module}-{presentation}-{idStudent}");

    /// <summary>
    /// Nominal day 0 of a presentation. OULAD publishes only the year and the start month ("B" = February,
    /// "J" = October), so day 0 is taken as the 1st of that month; weekdays of mapped dates mean nothing.
    /// </summary>
    public static DateOnly PresentationStart(string presentation)
    {
        if (presentation.Length != 5
            || !int.TryParse(presentation.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || presentation[4] is not ('B' or 'J'))
        {
            throw new FormatException($"'{presentation}' is not an OULAD presentation code like 2013J.");
        }

        return new DateOnly(year, presentation[4] == 'B' ? 2 : 10, 1);
    }

    public static DateOnly ToDate(string presentation, int relativeDay) => PresentationStart(presentation).AddDays(relativeDay);

    public static Student ToStudent(OuladStudentInfo info, OuladRegistration? registration = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        var start = PresentationStart(info.Presentation);
        return new Student(
            StudentId(info.Module, info.Presentation, info.IdStudent),
            $"{info.Module}-{info.Presentation}",
            start,
            new StudentDemographics(info.Gender, info.AgeBand, info.Region, info.ImdBand, info.HighestEducation, info.Disability));
    }

    /// <summary>
    /// The outcome of one registration: unregistration → withdrawal date; final_result → final result.
    /// OULAD has no burnout onset. A "Withdrawn" result without an unregistration day keeps a null withdrawal date.
    /// </summary>
    public static StudentOutcome ToOutcome(OuladStudentInfo info, OuladRegistration? registration)
    {
        ArgumentNullException.ThrowIfNull(info);
        DateOnly? withdrawal = registration?.UnregistrationDay is { } u ? ToDate(info.Presentation, u) : null;
        return new StudentOutcome(StudentId(info.Module, info.Presentation, info.IdStudent), null, withdrawal, ParseResult(info.FinalResult));
    }

    public static FinalResult ParseResult(string finalResult) => finalResult switch
    {
        "Pass" => FinalResult.Pass,
        "Distinction" => FinalResult.Distinction,
        "Fail" => FinalResult.Fail,
        "Withdrawn" => FinalResult.Withdrawn,
        _ => throw new FormatException($"'{finalResult}' is not an OULAD final_result (Pass, Distinction, Fail, Withdrawn)."),
    };

    /// <summary>One student's assessment: due date from assessments.csv, submission day and score from studentAssessment.csv.</summary>
    public static Assessment ToAssessment(OuladAssessment assessment, OuladStudentAssessment submission)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(submission);
        return new Assessment(
            StudentId(assessment.Module, assessment.Presentation, submission.IdStudent),
            assessment.IdAssessment.ToString(CultureInfo.InvariantCulture),
            assessment.DueDay is { } due ? ToDate(assessment.Presentation, due) : null,
            ToDate(assessment.Presentation, submission.SubmittedDay),
            submission.Score,
            assessment.Weight);
    }

    /// <summary>
    /// Aggregates clicks into daily activity rows: clicks = Σ sum_click; resources accessed = distinct sites;
    /// logins = 1 on a day with clicks (OULAD records no sessions). Session minutes, forum posts, assignments,
    /// and the late-night and weekend shares are not in studentVle and stay 0.
    /// The input must come as the file does, ordered by presentation then day (students in any order within a day);
    /// rows come out per (presentation, day), students in ascending id.
    /// </summary>
    public static IEnumerable<DailyActivity> ToDailyActivity(IEnumerable<OuladClick> clicks)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        var finished = new HashSet<(string, string, int)>();
        var perStudent = new SortedDictionary<long, (int Clicks, HashSet<long> Sites)>();
        OuladClick? group = null;
        foreach (var click in clicks)
        {
            if (group is not null && (click.Day != group.Day || click.Presentation != group.Presentation || click.Module != group.Module))
            {
                foreach (var row in Flush(group, perStudent))
                {
                    yield return row;
                }

                finished.Add((group.Module, group.Presentation, group.Day));
                if (finished.Contains((click.Module, click.Presentation, click.Day)))
                {
                    throw new ArgumentException(
                        $"Clicks are not ordered by presentation and day: {click.Module} {click.Presentation} day {click.Day} appears again.",
                        nameof(clicks));
                }
            }

            if (group is null || click.Day != group.Day || click.Presentation != group.Presentation || click.Module != group.Module)
            {
                group = click;
            }

            if (click.SumClick < 0)
            {
                throw new ArgumentException($"Negative sum_click for student {click.IdStudent} on day {click.Day}.", nameof(clicks));
            }

            if (!perStudent.TryGetValue(click.IdStudent, out var acc))
            {
                acc = (0, []);
            }

            acc.Sites.Add(click.IdSite);
            perStudent[click.IdStudent] = (acc.Clicks + click.SumClick, acc.Sites);
        }

        if (group is not null)
        {
            foreach (var row in Flush(group, perStudent))
            {
                yield return row;
            }
        }
    }

    private static List<DailyActivity> Flush(OuladClick group, SortedDictionary<long, (int Clicks, HashSet<long> Sites)> perStudent)
    {
        var date = ToDate(group.Presentation, group.Day);
        var rows = new List<DailyActivity>(perStudent.Count);
        foreach (var (id, acc) in perStudent)
        {
            rows.Add(new DailyActivity(StudentId(group.Module, group.Presentation, id), date, acc.Clicks > 0 ? 1 : 0, 0, acc.Sites.Count, 0, acc.Clicks, 0, 0, 0, 0, 0));
        }

        perStudent.Clear();
        return rows;
    }
}
