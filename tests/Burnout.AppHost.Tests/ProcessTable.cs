using System.Globalization;

namespace Burnout.AppHost.Tests;

/// <summary>
/// What /proc says about processes: descendants of a pid, and whether a process we saw is still the same
/// living process (a pid plus its start time, so a recycled pid is not mistaken for a survivor).
/// </summary>
internal static class ProcessTable
{
    public readonly record struct ProcessIdentity(int Pid, ulong StartTime, string Command);

    public static ProcessIdentity? Identify(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command is in parentheses and may hold spaces; fields after it are space-separated.
            var afterCommand = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (afterCommand[0] == "Z")
            {
                return null; // a zombie has already exited
            }
            var startTime = ulong.Parse(afterCommand[19], CultureInfo.InvariantCulture);
            var command = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return new ProcessIdentity(pid, startTime, command);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsAlive(ProcessIdentity process) => Identify(process.Pid) is { } now && now.StartTime == process.StartTime;

    /// <summary>
    /// Every living process of the stack's kinds (DCP, PostgreSQL, the AppHost and the services). DCP starts the
    /// services detached, so they are not the AppHost's descendants; a test compares this list before and after.
    /// </summary>
    public static IReadOnlyList<ProcessIdentity> StackProcesses() =>
        SafeDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsDigit))
            .Select(name => Identify(int.Parse(name!, CultureInfo.InvariantCulture)))
            .OfType<ProcessIdentity>()
            .Where(p => s_stackCommands.Any(p.Command.Contains))
            .ToList();

    private static readonly string[] s_stackCommands =
        ["/dcp ", "bin/postgres", "postgres: ", "Burnout.AppHost", "Burnout.Api", "Burnout.Trainer", "Burnout.Monitor", "Burnout.Web"];

    /// <summary>The process and everything below it, found through /proc/&lt;pid&gt;/task/*/children.</summary>
    public static IReadOnlyList<ProcessIdentity> Tree(int pid)
    {
        var found = new List<ProcessIdentity>();
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var current))
        {
            if (Identify(current) is not { } identity || found.Any(f => f.Pid == current))
            {
                continue;
            }
            found.Add(identity);
            foreach (var task in SafeDirectories($"/proc/{current}/task"))
            {
                try
                {
                    foreach (var child in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
                    }
                }
                catch (IOException)
                {
                }
            }
        }
        return found;
    }

    private static string[] SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
