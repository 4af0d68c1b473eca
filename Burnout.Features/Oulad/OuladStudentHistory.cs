namespace Burnout.Features.Oulad;

/// <summary>Clicks of one student on one day (relative day), all sites and forum sites only.</summary>
public readonly record struct OuladClickDay(int Day, int Clicks, int ForumClicks);

/// <summary>One submitted assessment of a student: due day (null for some exams), submission day, score (null if unmarked).</summary>
public readonly record struct OuladSubmission(long IdAssessment, int? DueDay, int SubmittedDay, float? Score);

/// <summary>
/// Everything the OULAD features of one registration read. Build it with <see cref="OuladHistoryBuilder"/>.
/// Registration and final result are carried for the labels; the feature calculator never reads them.
/// </summary>
public sealed record OuladStudentHistory(
    OuladStudentInfo Info,
    OuladRegistration? Registration,
    IReadOnlyList<OuladClickDay> ClickDays,
    IReadOnlyList<OuladSubmission> Submissions)
{
    public string StudentId => OuladMapping.StudentId(Info.Module, Info.Presentation, Info.IdStudent);
}

/// <summary>Joins the OULAD tables into one <see cref="OuladStudentHistory"/> per registration.</summary>
public sealed class OuladHistoryBuilder
{
    private readonly Dictionary<long, bool> _isForum = [];
    private readonly Dictionary<long, OuladAssessment> _assessments = [];
    private readonly Dictionary<(string, string, long), Dictionary<int, (int Clicks, int Forum)>> _clicks = [];
    private readonly Dictionary<(string, string, long), List<OuladSubmission>> _submissions = [];
    private readonly Dictionary<(string, string, long), OuladRegistration> _registrations = [];

    public OuladHistoryBuilder(IEnumerable<OuladVleSite> sites, IEnumerable<OuladAssessment> assessments)
    {
        foreach (var site in sites)
        {
            _isForum[site.IdSite] = site.IsForum;
        }

        foreach (var a in assessments)
        {
            _assessments[a.IdAssessment] = a;
        }
    }

    public void AddRegistrations(IEnumerable<OuladRegistration> registrations)
    {
        foreach (var r in registrations)
        {
            _registrations[(r.Module, r.Presentation, r.IdStudent)] = r;
        }
    }

    public void AddClicks(IEnumerable<OuladClick> clicks)
    {
        foreach (var c in clicks)
        {
            var key = (c.Module, c.Presentation, c.IdStudent);
            if (!_clicks.TryGetValue(key, out var days))
            {
                _clicks[key] = days = [];
            }

            var forum = _isForum.TryGetValue(c.IdSite, out var f)
                ? f
                : throw new ArgumentException($"Site {c.IdSite} is not in vle.csv.", nameof(clicks));
            days.TryGetValue(c.Day, out var acc);
            days[c.Day] = (acc.Clicks + c.SumClick, acc.Forum + (forum ? c.SumClick : 0));
        }
    }

    /// <summary>Adds submissions; banked results (carried over from an earlier presentation) are skipped.</summary>
    public void AddSubmissions(IEnumerable<OuladStudentAssessment> submissions)
    {
        foreach (var s in submissions)
        {
            if (s.IsBanked)
            {
                continue;
            }

            var a = _assessments.TryGetValue(s.IdAssessment, out var found)
                ? found
                : throw new ArgumentException($"Assessment {s.IdAssessment} is not in assessments.csv.", nameof(submissions));
            var key = (a.Module, a.Presentation, s.IdStudent);
            if (!_submissions.TryGetValue(key, out var list))
            {
                _submissions[key] = list = [];
            }

            list.Add(new OuladSubmission(s.IdAssessment, a.DueDay, s.SubmittedDay, s.Score));
        }
    }

    public OuladStudentHistory Build(OuladStudentInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var key = (info.Module, info.Presentation, info.IdStudent);
        var clickDays = _clicks.TryGetValue(key, out var days)
            ? days.OrderBy(kv => kv.Key).Select(kv => new OuladClickDay(kv.Key, kv.Value.Clicks, kv.Value.Forum)).ToArray()
            : [];
        var submissions = _submissions.TryGetValue(key, out var list)
            ? list.OrderBy(s => s.SubmittedDay).ThenBy(s => s.IdAssessment).ToArray()
            : [];
        return new OuladStudentHistory(info, _registrations.GetValueOrDefault(key), clickDays, submissions);
    }
}
