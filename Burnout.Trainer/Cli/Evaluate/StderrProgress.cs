namespace Burnout.Trainer.Cli.Evaluate;

/// <summary>
/// Prints a line to stderr each time a fit passes another tenth of its rounds or trees. Reports may come from
/// several threads (the forest's workers) and out of order, so it prints under a lock and never goes backwards.
/// </summary>
internal sealed class StderrProgress(TextWriter stderr, string model, int total, string unit) : IProgress<int>
{
    private readonly Lock _lock = new();
    private int _tenthsShown;

    public void Report(int value)
    {
        var tenths = (int)(10L * value / total);
        lock (_lock)
        {
            if (tenths <= _tenthsShown)
            {
                return;
            }

            _tenthsShown = tenths;
            stderr.WriteLine($"evaluate: {model} {value}/{total} {unit} ({tenths * 10} %)");
        }
    }
}
