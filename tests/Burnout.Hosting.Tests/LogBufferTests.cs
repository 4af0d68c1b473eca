using Burnout.Hosting.Logs;

namespace Burnout.Hosting.Tests;

public sealed class LogBufferTests
{
    [Fact]
    public void Keeps_only_the_most_recent_lines_up_to_capacity()
    {
        var buffer = new LogBuffer(3);
        foreach (var text in new[] { "a", "b", "c", "d", "e" })
        {
            buffer.Add(text);
        }

        var lines = buffer.After(0);

        Assert.Equal(["c", "d", "e"], lines.Select(l => l.Text));
        Assert.Equal([3L, 4L, 5L], lines.Select(l => l.Sequence));
        Assert.Equal(5, buffer.LastSequence);
    }

    [Fact]
    public void A_reader_resumes_after_the_last_sequence_it_saw()
    {
        var buffer = new LogBuffer(100);
        buffer.Add("one");
        buffer.Add("two");
        var seen = buffer.After(0).Last().Sequence;
        buffer.Add("three", isError: true);

        var fresh = Assert.Single(buffer.After(seen));

        Assert.Equal("three", fresh.Text);
        Assert.True(fresh.IsError);
        Assert.Empty(buffer.After(fresh.Sequence));
    }

    [Fact]
    public void Max_returns_the_newest_lines_oldest_first()
    {
        var buffer = new LogBuffer(100);
        for (var i = 1; i <= 10; i++)
        {
            buffer.Add($"line {i}");
        }

        Assert.Equal(["line 8", "line 9", "line 10"], buffer.After(0, max: 3).Select(l => l.Text));
    }

    [Fact]
    public void Wrapping_many_times_keeps_order_and_capacity()
    {
        var buffer = new LogBuffer(7);
        for (var i = 1; i <= 1000; i++)
        {
            buffer.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var lines = buffer.After(0);

        Assert.Equal(Enumerable.Range(994, 7).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Select(l => l.Text));
    }

    [Fact]
    public async Task A_waiting_reader_wakes_when_a_line_arrives()
    {
        var buffer = new LogBuffer(10);
        buffer.Add("before");
        var waiting = buffer.WaitForLinesAfterAsync(buffer.LastSequence, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        buffer.Add("after");

        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(buffer.WaitForLinesAfterAsync(0, CancellationToken.None).IsCompleted);
    }
}
