namespace Burnout.Hosting.Processes;

/// <summary>
/// Drops from root to an unprivileged user for programs that refuse root (PostgreSQL). <c>setpriv</c>
/// comes first because it execs in place: the pid stays the program's own and signals reach it
/// directly. <c>runuser</c> forks and, on SIGTERM, SIGKILLs its child after two seconds, which could cut
/// a PostgreSQL checkpoint short, so it is only the fallback.
/// </summary>
internal static class UserSwitch
{
    public static IReadOnlyList<string> Command(string user)
    {
        if (ExecutableLocator.Find("setpriv") is { } setpriv)
        {
            return [setpriv, $"--reuid={user}", $"--regid={user}", "--init-groups", "--"];
        }
        if (ExecutableLocator.Find("runuser") is { } runuser)
        {
            return [runuser, "-u", user, "--"];
        }
        throw new InvalidOperationException(
            $"Running as root, but neither setpriv nor runuser is available to start the process as '{user}'.");
    }

    /// <summary>Whether a local account exists, read from /etc/passwd (enough for the users we look for).</summary>
    public static bool UserExists(string user) =>
        File.Exists("/etc/passwd")
        && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));
}
