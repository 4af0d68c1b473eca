using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Burnout.Hosting.Orchestration;

namespace Burnout.AppHost.Tests;

/// <summary>
/// The built AppHost run as a separate process, exactly as <c>dotnet run --project Burnout.AppHost</c> would,
/// but with every port free-chosen and its data in a folder of the test's own, so it never collides with
/// a developer's running stack. Read through the dashboard's JSON API.
/// </summary>
internal sealed partial class AppHostProcess : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly string[] s_resourcesWithPorts = ["dashboard", "web", "api", "trainer", "monitor", "postgres", "mlflow"];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppHostProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public int ProcessId => _process.Id;

    public string DataDirectory { get; }

    public Uri DashboardUrl { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public bool HasExited => _process.HasExited;

    /// <summary>The AppHost's own console, for failure messages.</summary>
    public string OutputTail => string.Join(Environment.NewLine, _output.TakeLast(60));

    public static async Task<AppHostProcess> StartAsync(string dataDirectory)
    {
        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(new Projects.Burnout_AppHost().ProjectPath),
        };
        startInfo.ArgumentList.Add(new Projects.Burnout_AppHost().TargetPath);
        startInfo.ArgumentList.Add($"--Burnout:DataDirectory={dataDirectory}");
        foreach (var name in s_resourcesWithPorts)
        {
            startInfo.ArgumentList.Add($"--Burnout:Ports:{name}=0");
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the AppHost.");
        var host = new AppHostProcess(process, dataDirectory);
        var dashboard = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            host._output.Enqueue(e.Data);
            if (DashboardLine().Match(e.Data) is { Success: true } match)
            {
                dashboard.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(dashboard.Task, exited, Task.Delay(TimeSpan.FromSeconds(120)));
        if (first != dashboard.Task)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"The AppHost did not announce its dashboard:{Environment.NewLine}{host.OutputTail}");
        }
        host.DashboardUrl = await dashboard.Task;
        return host;
    }

    public async Task<IReadOnlyList<ResourceSnapshot>> GetResourcesAsync() =>
        await Http.GetFromJsonAsync<List<ResourceSnapshot>>(new Uri(DashboardUrl, "/api/resources"), Json)
            ?? throw new InvalidOperationException("/api/resources returned nothing.");

    /// <summary>Polls /api/resources until <paramref name="condition"/> holds; a bounded wait, not a timing assertion.</summary>
    public async Task<IReadOnlyList<ResourceSnapshot>> WaitForAsync(Func<IReadOnlyList<ResourceSnapshot>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        IReadOnlyList<ResourceSnapshot> resources = [];
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited (code {_process.ExitCode}) while waiting for {what}:{Environment.NewLine}{OutputTail}");
            }
            try
            {
                resources = await GetResourcesAsync();
                if (condition(resources))
                {
                    return resources;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException(
            $"Gave up waiting for {what}. Last state:{Environment.NewLine}{JsonSerializer.Serialize(resources, Json)}{Environment.NewLine}AppHost output:{Environment.NewLine}{OutputTail}");
    }

    /// <summary>SIGTERM, as a service manager or <c>kill</c> sends it; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        Signal(15);
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await TerminateAsync(TimeSpan.FromSeconds(60));
            }
            catch (OperationCanceledException)
            {
                // The AppHost's watchdog stops its children once it is gone.
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        Http.Dispose();
    }

    private void Signal(int signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    [GeneratedRegex(@"^Dashboard: (http://\S+)")]
    private static partial Regex DashboardLine();
}
