namespace Burnout.Trainer.Cli;

/// <summary>
/// One offline command of the trainer (evaluate, generate, import ...). A command writes its result to
/// <c>stdout</c> and returns 0; bad input is one readable line on <c>stderr</c> and exit code 2.
/// </summary>
public interface ICliCommand
{
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken);
}

/// <summary>Bad input to a command. <see cref="TrainerCommandLine"/> turns it into one line on stderr and exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
