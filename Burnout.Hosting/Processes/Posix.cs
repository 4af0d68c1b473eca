using System.Runtime.InteropServices;

namespace Burnout.Hosting.Processes;

/// <summary>
/// The few POSIX calls .NET does not expose: sending a signal other than SIGKILL (PostgreSQL shuts down
/// cleanly on SIGINT, ASP.NET Core on SIGTERM) and asking whether we run as root.
/// </summary>
internal static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    public static bool IsRoot => IsSupported && geteuid() == 0;

    /// <summary>Sends <paramref name="signal"/>; a negative <paramref name="pid"/> addresses a process group.</summary>
    public static bool Signal(int pid, int signal) => IsSupported && kill(pid, signal) == 0;

    /// <summary>Signal 0 checks existence without touching the process.</summary>
    public static bool IsAlive(int pid) => pid > 0 && IsSupported && (kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == EPERM);

    private const int EPERM = 1;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
