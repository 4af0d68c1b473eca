using System.Runtime.InteropServices;

namespace Burnout.AppHost.Postgres;

/// <summary>
/// The account PostgreSQL runs as. It refuses to run as root, so as root it runs as <c>postgres</c> (or
/// <c>nobody</c>), started through <c>setpriv</c>. setpriv execs in place, so the postmaster stays the direct
/// child of whoever started it and a stop signal reaches it at once (runuser forks, and takes 3-4 s to stop).
/// </summary>
internal sealed partial record PostgresAccount(string? User)
{
    /// <summary>Runs as whoever runs us: nothing to switch.</summary>
    public static readonly PostgresAccount Current = new((string?)null);

    public bool SwitchesUser => User is not null;

    public static PostgresAccount ForThisProcess()
    {
        if (!IsRoot)
        {
            return Current;
        }
        var user = UserExists("postgres") ? "postgres"
            : UserExists("nobody") ? "nobody"
            : throw new InvalidOperationException("Running as root, and there is no 'postgres' or 'nobody' account to run PostgreSQL as.");
        return new PostgresAccount(user);
    }

    /// <summary>The program to start and the arguments that come before the real command line.</summary>
    public (string FileName, IReadOnlyList<string> Prefix) Launch(string program)
    {
        if (User is null)
        {
            return (program, []);
        }
        var setpriv = ExecutableSearch.OnPath("setpriv")
            ?? throw new InvalidOperationException($"Running as root, but setpriv (util-linux) is missing, so PostgreSQL cannot be started as '{User}'.");
        return (setpriv, [$"--reuid={User}", $"--regid={User}", "--init-groups", "--", program]);
    }

    /// <summary>Gives <paramref name="path"/> to the account, so that the server can own its data.</summary>
    public void TakeOwnership(string path, bool recursive)
    {
        if (User is null)
        {
            return;
        }
        string[] arguments = recursive ? ["-R", $"{User}:", path] : [$"{User}:", path];
        using var chown = System.Diagnostics.Process.Start("chown", arguments);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"'chown {string.Join(' ', arguments)}' failed with exit code {chown.ExitCode}.");
        }
    }

    /// <summary>Whether the account can walk down to <paramref name="path"/> (every parent searchable by others).</summary>
    public bool CanReach(string path)
    {
        if (User is null || OperatingSystem.IsWindows())
        {
            return true;
        }
        for (var parent = Path.GetDirectoryName(Path.GetFullPath(path)); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent) && !File.GetUnixFileMode(parent).HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsRoot => (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && geteuid() == 0;

    private static bool UserExists(string user) =>
        File.Exists("/etc/passwd")
        && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(user + ":", StringComparison.Ordinal));

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
