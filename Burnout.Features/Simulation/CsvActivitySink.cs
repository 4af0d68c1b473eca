using System.Buffers;
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
    private const int ChunkRows = 8192;

    private readonly int _maxDegreeOfParallelism;

    public CsvActivitySink(TextWriter students, TextWriter activity, TextWriter outcomes, int maxDegreeOfParallelism = 0)
    {
        _maxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
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

    public async ValueTask WriteActivityAsync(IReadOnlyList<DailyActivity> rows, CancellationToken cancellationToken)
    {
        // Formatting is most of the cost of writing, so chunks are formatted in parallel and written in order.
        var chunks = (rows.Count + ChunkRows - 1) / ChunkRows;
        var formatted = new (char[] Buffer, int Length)[chunks];
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism, CancellationToken = cancellationToken },
            c => formatted[c] = Format(rows, c * ChunkRows, Math.Min(rows.Count, (c + 1) * ChunkRows)));
        foreach (var (buffer, length) in formatted)
        {
            await _activity.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static (char[] Buffer, int Length) Format(IReadOnlyList<DailyActivity> rows, int from, int to)
    {
        var buffer = ArrayPool<char>.Shared.Rent((to - from) * 96);
        var length = 0;
        for (var i = from; i < to; i++)
        {
            var row = rows[i];
            var needed = DailyActivityCsv.MaxLineLength(row.StudentId);
            if (buffer.Length - length < needed)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(buffer.Length * 2, length + needed));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<char>.Shared.Return(buffer);
                buffer = larger;
            }

            length += DailyActivityCsv.Format(buffer.AsSpan(length), row);
        }

        return (buffer, length);
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
