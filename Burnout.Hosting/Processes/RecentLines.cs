namespace Burnout.Hosting.Processes;

/// <summary>The last few lines a process printed, to quote in an error when it fails to start.</summary>
internal sealed class RecentLines(int capacity) : IEnumerable<string>
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        lock (_gate)
        {
            return _lines.ToList().GetEnumerator();
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(Environment.NewLine, this);
}
