using Burnout.Features.Oulad;

namespace Burnout.Features.Tests;

/// <summary>The OULAD fixture tables (see Fixtures/oulad/README.md), read through the library's readers.</summary>
public sealed class OuladFixture
{
    public OuladFixture()
    {
        Courses = Read("courses.csv", OuladCsv.ReadCourses);
        Assessments = Read("assessments.csv", OuladCsv.ReadAssessments);
        Vle = Read("vle.csv", OuladCsv.ReadVle);
        Infos = Read("studentInfo.csv", OuladCsv.ReadStudentInfo);
        Registrations = Read("studentRegistration.csv", OuladCsv.ReadRegistrations);
        Submissions = Read("studentAssessment.csv", OuladCsv.ReadStudentAssessments);
        Clicks = Read("studentVle.csv", OuladCsv.ReadClicks);

        var builder = new OuladHistoryBuilder(Vle, Assessments);
        builder.AddRegistrations(Registrations);
        builder.AddClicks(Clicks);
        builder.AddSubmissions(Submissions);
        Histories = Infos.ToDictionary(i => i.IdStudent, builder.Build);
    }

    public List<OuladCourse> Courses { get; }
    public List<OuladAssessment> Assessments { get; }
    public List<OuladVleSite> Vle { get; }
    public List<OuladStudentInfo> Infos { get; }
    public List<OuladRegistration> Registrations { get; }
    public List<OuladStudentAssessment> Submissions { get; }
    public List<OuladClick> Clicks { get; }
    public Dictionary<long, OuladStudentHistory> Histories { get; }

    private static List<T> Read<T>(string file, Func<TextReader, IEnumerable<T>> read)
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Fixtures", "oulad", file));
        return read(reader).ToList();
    }
}
