using System.Diagnostics;
using Burnout.Hosting.Processes;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// Docker or Podman, but only one whose engine answers: a client binary alone (as on machines without a
/// container engine) is not a runtime. Asked once per AppHost run.
/// </summary>
internal static class ContainerRuntime
{
    private static readonly Lazy<Task<string?>> s_detected = new(DetectAsync);

    /// <summary>The runtime's executable, or null when none answers.</summary>
    public static Task<string?> FindAsync() => s_detected.Value;

    private static async Task<string?> DetectAsync()
    {
        foreach (var name in new[] { "docker", "podman" })
        {
            if (ExecutableLocator.Find(name) is { } executable && await AnswersAsync(executable).ConfigureAwait(false))
            {
                return executable;
            }
        }
        return null;
    }

    private static async Task<bool> AnswersAsync(string executable)
    {
        var startInfo = new ProcessStartInfo(executable, ["info"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(startInfo)!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return process.ExitCode == 0;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs a container in the foreground, so its log streams to us, and removes a same-named leftover
    /// from a run that was killed first. Stopping goes through the runtime (see <see cref="StopAsync"/>).
    /// </summary>
    public static async Task<ChildProcess> RunAsync(string runtime, string containerName, IReadOnlyList<string> runArguments, Action<string, bool> onLine)
    {
        await RunToEndAsync(runtime, ["rm", "-f", containerName]).ConfigureAwait(false);
        return ChildProcess.Start(new ChildProcessSpec
        {
            FileName = runtime,
            Arguments = ["run", "--rm", "--name", containerName, .. runArguments],
        }, onLine);
    }

    /// <summary>
    /// Stable per checkout (not per port, which may be chosen afresh), so a container orphaned by a killed
    /// AppHost is found and removed by the next run of the same checkout, and two checkouts do not clash.
    /// </summary>
    public static string ContainerName(string resourceName, string dataDirectory)
    {
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..8].ToLowerInvariant();
        return $"burnout-{resourceName}-{hash}";
    }

    public static Task StopAsync(string runtime, string containerName) =>
        RunToEndAsync(runtime, ["stop", "--time", "10", containerName]);

    private static async Task RunToEndAsync(string runtime, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(runtime, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
    }
}
