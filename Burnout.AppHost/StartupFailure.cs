namespace Burnout.AppHost;

/// <summary>
/// Stops the AppHost before anything starts, with one line that says what to do. A stack trace would bury
/// that line, and declaring a resource that can never start would hang start-up for good.
/// </summary>
internal static class StartupFailure
{
    public const int ExitCode = 2;

    public static Exception Exit(string message)
    {
        Console.Error.WriteLine($"Burnout.AppHost: {message}");
        Environment.Exit(ExitCode);
        return new InvalidOperationException(message); // not reached; lets callers write 'throw StartupFailure.Exit(...)'
    }
}
