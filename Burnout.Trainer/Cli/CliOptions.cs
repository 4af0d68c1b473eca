namespace Burnout.Trainer.Cli;

/// <summary>
/// Reads <c>--name value</c> options for commands whose options are all optional strings; an unknown option or a
/// missing value is a <see cref="CliUsageException"/> that shows the command's usage.
/// </summary>
internal static class CliOptions
{
    public static Dictionary<string, string> Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> known, string usage)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (!known.Contains(option))
            {
                throw new CliUsageException($"unknown option '{option}'. Usage: {usage}");
            }

            if (i + 1 >= args.Count)
            {
                throw new CliUsageException($"{option} needs a value.");
            }

            values[option] = args[++i];
        }

        return values;
    }
}
