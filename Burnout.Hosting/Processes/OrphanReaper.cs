using System.Diagnostics;

namespace Burnout.Hosting.Processes;

/// <summary>
/// Makes sure children die with us even when we cannot clean up ourselves (SIGKILL, a crash, a debugger
/// stop). A small shell watchdog, in its own session so terminal signals do not reach it, reads the
/// list of children to guard from a pipe. The kernel closes that pipe when this process dies however it
/// dies; the watchdog then signals every guarded process group and, after a grace period, kills it.
/// </summary>
/// <remarks>
/// PR_SET_PDEATHSIG would be simpler but fires when the forking <em>thread</em> exits, and .NET forks
/// from thread-pool threads that come and go. The pipe ends only when the whole process is gone.
/// </remarks>
internal sealed class OrphanReaper
{
    private const string Script = """
        trap '' INT TERM HUP
        targets=''
        while read -r op target sig; do
          case "$op" in
            add) targets="$targets $target:$sig" ;;
            del) kept=''; for t in $targets; do [ "${t%%:*}" = "$target" ] || kept="$kept $t"; done; targets="$kept" ;;
          esac
        done
        [ -z "$targets" ] && exit 0
        for t in $targets; do kill -s "${t#*:}" -- "${t%%:*}" 2>/dev/null; done
        i=0
        while [ $i -lt 20 ]; do
          alive=''
          for t in $targets; do kill -0 -- "${t%%:*}" 2>/dev/null && alive=1; done
          [ -z "$alive" ] && exit 0
          sleep 0.5; i=$((i+1))
        done
        for t in $targets; do kill -s KILL -- "${t%%:*}" 2>/dev/null; done
        """;

    private static readonly Lazy<OrphanReaper> s_shared = new(() => new OrphanReaper());

    private readonly Lock _gate = new();
    private readonly StreamWriter? _commands;
    private readonly Process? _watchdog;

    public static OrphanReaper Shared => s_shared.Value;

    /// <summary>Use <see cref="Shared"/>; a separate instance exists only to test the watchdog.</summary>
    internal OrphanReaper()
    {
        if (!Posix.IsSupported)
        {
            return;
        }

        var startInfo = new ProcessStartInfo(ExecutableLocator.Find("setsid") ?? "/bin/sh")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (startInfo.FileName != "/bin/sh")
        {
            startInfo.ArgumentList.Add("/bin/sh");
        }
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Script);

        try
        {
            _watchdog = Process.Start(startInfo);
            _commands = _watchdog?.StandardInput;
            if (_commands is not null)
            {
                _commands.AutoFlush = true;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No shell: children are still stopped on every orderly exit, just not after a SIGKILL.
            _commands = null;
        }
    }

    /// <summary>
    /// Guards <paramref name="pid"/> (its whole process group when <paramref name="isGroupLeader"/>) until the
    /// returned handle is disposed, which the owner does once it has stopped the process itself.
    /// </summary>
    public IDisposable Guard(int pid, bool isGroupLeader, string signalName)
    {
        var target = isGroupLeader ? $"-{pid}" : pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Send($"add {target} {signalName}");
        return new Registration(this, target);
    }

    /// <summary>
    /// After an orderly shutdown: ends the watchdog now (it finds nothing left to guard) and reaps it, rather
    /// than leaving it to notice our exit and be reaped by init.
    /// </summary>
    public static void ShutDown()
    {
        if (s_shared.IsValueCreated)
        {
            s_shared.Value.CloseAndWait();
        }
    }

    /// <summary>Closes the pipe, exactly what our death would do, and waits for the watchdog to finish.</summary>
    internal void CloseAndWait()
    {
        lock (_gate)
        {
            try
            {
                _commands?.Close();
            }
            catch (IOException)
            {
            }
        }
        _watchdog?.WaitForExit(TimeSpan.FromSeconds(15));
    }

    private void Send(string line)
    {
        lock (_gate)
        {
            try
            {
                _commands?.WriteLine(line);
            }
            catch (IOException)
            {
                // The watchdog is gone; orderly shutdown still stops every child.
            }
        }
    }

    private sealed class Registration(OrphanReaper reaper, string target) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                reaper.Send($"del {target} -");
            }
        }
    }
}
