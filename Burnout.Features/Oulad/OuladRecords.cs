namespace Burnout.Features.Oulad;

// Rows of the OULAD tables (Kuzilek et al. 2017), typed as published. Every "date" is a day relative to the start
// of the module-presentation (day 0) and can be negative.

/// <summary>One module-presentation, e.g. AAA 2013J.</summary>
public readonly record struct OuladPresentation(string Module, string Presentation)
{
    public override string ToString() => $"{Module} {Presentation}";
}

/// <summary>courses.csv.</summary>
public sealed record OuladCourse(string Module, string Presentation, int LengthDays)
{
    public OuladPresentation Key => new(Module, Presentation);
}

/// <summary>vle.csv: one VLE site (resource) of a presentation with its activity type, e.g. "forumng".</summary>
public sealed record OuladVleSite(long IdSite, string Module, string Presentation, string ActivityType)
{
    public bool IsForum => string.Equals(ActivityType, "forumng", StringComparison.Ordinal);
}

/// <summary>studentInfo.csv.</summary>
public sealed record OuladStudentInfo(
    string Module,
    string Presentation,
    long IdStudent,
    string? Gender,
    string? Region,
    string? HighestEducation,
    string? ImdBand,
    string? AgeBand,
    int PreviousAttempts,
    int StudiedCredits,
    bool? Disability,
    string FinalResult)
{
    public OuladPresentation Key => new(Module, Presentation);
}

/// <summary>studentRegistration.csv; null dates are empty cells (no unregistration, or unknown registration day).</summary>
public sealed record OuladRegistration(string Module, string Presentation, long IdStudent, int? RegistrationDay, int? UnregistrationDay)
{
    public OuladPresentation Key => new(Module, Presentation);
}

/// <summary>assessments.csv; <see cref="DueDay"/> is null for some final exams.</summary>
public sealed record OuladAssessment(string Module, string Presentation, long IdAssessment, string AssessmentType, int? DueDay, float Weight)
{
    public OuladPresentation Key => new(Module, Presentation);
}

/// <summary>studentAssessment.csv; <see cref="Score"/> is null when not marked.</summary>
public sealed record OuladStudentAssessment(long IdAssessment, long IdStudent, int SubmittedDay, bool IsBanked, float? Score);

/// <summary>studentVle.csv: clicks of one student on one site on one day (the file may repeat a key; clicks add up).</summary>
public sealed record OuladClick(string Module, string Presentation, long IdStudent, long IdSite, int Day, int SumClick)
{
    public OuladPresentation Key => new(Module, Presentation);
}
