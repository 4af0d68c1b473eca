namespace Burnout.Hosting.Logs;

/// <summary>
/// The most recent console lines of one resource, in a fixed-size ring: a chatty service can run for days
/// without the AppHost's memory growing. Readers poll with the last sequence they saw, or wait for more.
/// </summary>
public sealed class LogBuffer
{
    private readonly LogLine[] _ring;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private long _nextSequence = 1;
    private int _count;
    private TaskCompletionSource _appended = NewSignal();

    public LogBuffer(int capacity, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new LogLine[capacity];
        _time = time ?? TimeProvider.System;
    }

    public int Capacity => _ring.Length;

    /// <summary>The sequence number of the newest line, or 0 when nothing was written yet.</summary>
    public long LastSequence
    {
        get { lock (_gate) { return _nextSequence - 1; } }
    }

    public void Add(string text, bool isError = false)
    {
        TaskCompletionSource appended;
        lock (_gate)
        {
            var line = new LogLine(_nextSequence++, _time.GetUtcNow(), text, isError);
            _ring[(line.Sequence - 1) % _ring.Length] = line;
            _count = Math.Min(_count + 1, _ring.Length);
            appended = _appended;
            _appended = NewSignal();
        }
        appended.TrySetResult();
    }

    /// <summary>Lines newer than <paramref name="afterSequence"/>, oldest first, at most <paramref name="max"/> (the newest ones).</summary>
    public IReadOnlyList<LogLine> After(long afterSequence, int max = int.MaxValue)
    {
        lock (_gate)
        {
            var newest = _nextSequence - 1;
            var oldestKept = newest - _count + 1;
            var first = Math.Max(Math.Max(afterSequence + 1, oldestKept), newest - Math.Max(max, 0) + 1);
            var lines = new List<LogLine>((int)Math.Max(0, newest - first + 1));
            for (var sequence = first; sequence <= newest; sequence++)
            {
                lines.Add(_ring[(sequence - 1) % _ring.Length]);
            }
            return lines;
        }
    }

    /// <summary>Completes when a line newer than <paramref name="afterSequence"/> exists.</summary>
    public Task WaitForLinesAfterAsync(long afterSequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _nextSequence - 1 > afterSequence ? Task.CompletedTask : _appended.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
