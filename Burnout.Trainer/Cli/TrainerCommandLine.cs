namespace Burnout.Trainer.Cli;

/// <summary>
/// Runs the trainer's offline commands when the first argument names one, so that
/// <c>dotnet run --project Burnout.Trainer -- evaluate ...</c> works without starting the web host.
/// </summary>
public static class TrainerCommandLine
{
    public const int UsageError = 2;

    private static readonly ICliCommand[] Commands =
    [
        new GenerateCommand(),
        new EvaluateCommand(),
        new ImportOuladCommand(),
        new ImportUciCommand(),
        new LeadTimeCommand(),
    ];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.Any(c => c.Name == args[0]) || args[0] is "help" or "--help" or "-h");

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stdout.WriteLine("Commands:");
            foreach (var c in Commands)
            {
                stdout.WriteLine($"  {c.Name,-10} {c.Summary}");
            }

            return 0;
        }

        try
        {
            return await command.RunAsync(args[1..], stdout, stderr, cancellationToken);
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine($"{command.Name}: {e.Message}");
            return UsageError;
        }
    }
}
