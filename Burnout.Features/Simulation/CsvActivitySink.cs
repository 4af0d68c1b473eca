using Burnout.Features.Csv;
using Burnout.Features.Domain;

namespace Burnout.Features.Simulation;

/// <summary>
/// Writes a cohort as <c>students.csv</c>, <c>daily_activity.csv</c> and <c>outcomes.csv</c>. The caller opens and
/// disposes the writers; headers are written on construction.
/// </summary>
public sealed class CsvActivitySink : IActivitySink
{
    private readonly TextWriter _students;
    private readonly TextWriter _activity;
    private readonly TextWriter _outcomes;
    private char[] _buffer = new char[256];

    public CsvActivitySink(TextWriter students, TextWriter activity, TextWriter outcomes)
    {
        _students = students ?? throw new ArgumentNullException(nameof(students));
        _activity = activity ?? throw new ArgumentNullException(nameof(activity));
        _outcomes = outcomes ?? throw new ArgumentNullException(nameof(outcomes));
        StudentCsv.WriteHeader(_students);
        DailyActivityCsv.WriteHeader(_activity);
        OutcomeCsv.WriteHeader(_outcomes);
    }

    public ValueTask WriteStudentsAsync(IReadOnlyList<Student> students, CancellationToken cancellationToken)
    {
        foreach (var s in students)
        {
            StudentCsv.Write(_students, s);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask WriteActivityAsync(IReadOnlyList<DailyActivity> rows, CancellationToken cancellationToken)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            DailyActivityCsv.Write(_activity, rows[i], ref _buffer);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask WriteOutcomesAsync(IReadOnlyList<StudentOutcome> outcomes, CancellationToken cancellationToken)
    {
        foreach (var o in outcomes)
        {
            OutcomeCsv.Write(_outcomes, o);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await _students.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _activity.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _outcomes.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
