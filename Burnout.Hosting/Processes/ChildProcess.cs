using System.Diagnostics;

namespace Burnout.Hosting.Processes;

/// <summary>
/// One running child: its console output as lines, its exit, and a stop that escalates from the clean
/// signal to SIGKILL. Each child leads its own session and process group (via <c>setsid</c>), so a Ctrl-C
/// in the terminal reaches only the AppHost, which then stops children in order; and so stopping a child
/// also stops anything it started. The <see cref="OrphanReaper"/> covers the case where we die first.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ChildProcessSpec _spec;
    private readonly bool _isGroupLeader;
    private readonly IDisposable _guard;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, ChildProcessSpec spec, bool isGroupLeader)
    {
        _process = process;
        _spec = spec;
        _isGroupLeader = isGroupLeader;
        Pid = process.Id;
        _guard = OrphanReaper.Shared.Guard(Pid, isGroupLeader, SignalName(spec.StopSignal));
    }

    public int Pid { get; }

    /// <summary>Completes with the exit code when the process itself has exited.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <param name="onLine">Called for every console line; the flag is true for standard error.</param>
    public static ChildProcess Start(ChildProcessSpec spec, Action<string, bool> onLine)
    {
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = spec.StandardInput is not null,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };

        // Each wrapper execs the next, so the pid we get is the real program's pid.
        var command = new List<string>();
        var setsid = Posix.IsSupported ? ExecutableLocator.Find("setsid") : null;
        if (setsid is not null)
        {
            command.Add(setsid);
        }
        if (spec.RunAsUser is not null && Posix.IsRoot)
        {
            command.AddRange(UserSwitch.Command(spec.RunAsUser));
        }
        command.Add(spec.FileName);
        command.AddRange(spec.Arguments);

        startInfo.FileName = command[0];
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, true); };
        process.Start();

        var child = new ChildProcess(process, spec, isGroupLeader: setsid is not null);
        process.Exited += (_, _) => child.OnExited();
        if (process.HasExited)
        {
            child.OnExited();
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (spec.StandardInput is not null)
        {
            process.StandardInput.Write(spec.StandardInput);
            process.StandardInput.Close();
        }
        return child;
    }

    /// <summary>Sends the clean stop signal, waits up to <paramref name="grace"/>, then kills the group.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!HasExited)
        {
            Signal(_spec.StopSignal);
            if (await Task.WhenAny(Exited, Task.Delay(grace)).ConfigureAwait(false) != Exited)
            {
                Signal(Posix.SigKill);
                await Exited.ConfigureAwait(false);
            }
        }
        KillLeftovers();
    }

    /// <summary>Sends <paramref name="signal"/> to the process (and its group, when it leads one).</summary>
    public void Signal(int signal)
    {
        if (!Posix.IsSupported)
        {
            if (signal == Posix.SigKill || signal == Posix.SigTerm)
            {
                try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            }
            return;
        }
        Posix.Signal(_isGroupLeader ? -Pid : Pid, signal);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _guard.Dispose();
        _process.Dispose();
    }

    private void OnExited()
    {
        int code;
        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }
        // A crashed leader may leave workers behind in its group (PostgreSQL backends, a trainer's helpers).
        KillLeftovers();
        _ = CompleteAfterOutputAsync(code);
    }

    /// <summary>
    /// The Exited event can beat the last lines of output; callers quote those lines in error messages,
    /// so let the pipes drain first (bounded, in case something outside the group still holds them).
    /// </summary>
    private async Task CompleteAfterOutputAsync(int code)
    {
        try
        {
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
        }
        _exited.TrySetResult(code);
    }

    private void KillLeftovers()
    {
        if (_isGroupLeader)
        {
            Posix.Signal(-Pid, Posix.SigKill);
        }
    }

    private static string SignalName(int signal) => signal switch
    {
        Posix.SigInt => "INT",
        Posix.SigKill => "KILL",
        _ => "TERM",
    };
}
