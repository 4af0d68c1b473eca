using System.Diagnostics;
using Burnout.AppHost.Postgres;

namespace Burnout.AppHost;

/// <summary>
/// Whether Docker or Podman can run containers here. A client alone (docker without a daemon, as on the
/// machines this project is built on) is not a runtime: a container resource declared there never starts,
/// and anything that waits for it waits for good. Asked once, at start-up.
/// </summary>
internal static class ContainerRuntime
{
    private static readonly Lazy<string?> s_answering = new(Detect);

    /// <summary>The runtime that answered <c>info</c>, or null.</summary>
    public static string? Answering => s_answering.Value;

    private static string? Detect()
    {
        foreach (var name in new[] { "docker", "podman" })
        {
            if (ExecutableSearch.OnPath(name) is { } executable && Answers(executable))
            {
                return name;
            }
        }
        return null;
    }

    private static bool Answers(string executable)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, ["info"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
