using System.Collections.Concurrent;
using System.Diagnostics;

namespace Burnout.AppHost.Tests;

/// <summary>
/// The README's run command (<c>eng/run.sh</c>, which ends in <c>dotnet run --project Burnout.AppHost</c>) started as a
/// developer starts it, on the default ports, with its data in a folder of the test's own.
/// </summary>
internal sealed class RunCommand : IAsyncDisposable
{
    public static readonly Uri FrontDoor = new("http://127.0.0.1:5080");

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private RunCommand(Process process) => _process = process;

    public string OutputTail => string.Join(Environment.NewLine, _output.TakeLast(80));

    public static RunCommand Start(string dataDirectory)
    {
        var repository = RepositoryRoot();
        var startInfo = new ProcessStartInfo(Path.Combine(repository, "eng", "run.sh"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        startInfo.ArgumentList.Add($"--Burnout:DataDirectory={dataDirectory}");
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start eng/run.sh.");
        var run = new RunCommand(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) run._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) run._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Polls the front door's view of the api until it answers 200: a bounded wait, not a timing assertion.</summary>
    public async Task WaitUntilServingAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + Stack.Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The run command exited (code {_process.ExitCode}):{Environment.NewLine}{OutputTail}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(FrontDoor, "/api/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The stack did not serve /api/health in {Stack.Patience}:{Environment.NewLine}{OutputTail}");
    }

    /// <summary>SIGTERM, as a service manager or <c>kill</c> sends it; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(patience.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await TerminateAsync();
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Burnout.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("The tests do not run inside the repository.");
    }
}
