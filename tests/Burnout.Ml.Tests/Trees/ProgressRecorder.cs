using System.Collections.Concurrent;

namespace Burnout.Ml.Tests.Trees;

/// <summary>Keeps every progress report as it arrives (Progress&lt;T&gt; would post them to the thread pool, late).</summary>
internal sealed class ProgressRecorder : IProgress<int>
{
    private readonly ConcurrentQueue<int> _reports = new();

    public IReadOnlyList<int> Reports => [.. _reports];

    public void Report(int value) => _reports.Enqueue(value);
}
