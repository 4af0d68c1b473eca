using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Burnout.AppHost.Postgres;
using Npgsql;

namespace Burnout.Testing;

/// <summary>
/// A real PostgreSQL server for tests, placed and initialised by the AppHost's own code, bound to 127.0.0.1 on a
/// free port, and run as the AppHost runs it (as another account when we are root). Stopped with SIGINT
/// ("fast" shutdown) on dispose, then killed if it lingers.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string CannotConnectNow = "57P03";
    private const int SigInt = 2;

    private readonly Process _postmaster;
    private readonly string _password;
    private readonly Queue<string> _recentLines = new();

    private PostgresServer(Process postmaster, int port, string password, string dataDirectory)
    {
        _postmaster = postmaster;
        Port = port;
        _password = password;
        DataDirectory = dataDirectory;
    }

    public int Port { get; }

    /// <summary>Where the data really is (as root, possibly not where it was asked to be).</summary>
    public string DataDirectory { get; }

    public static async Task<PostgresServer> StartAsync(string dataDirectory)
    {
        var bin = PostgresBinaries.Find() ?? throw new InvalidOperationException(PostgresBinaries.InstallHint);
        var data = PostgresDataDirectory.Locate(dataDirectory, PostgresAccount.ForThisProcess());
        var password = data.ReadOrCreatePassword();
        var initdbOutput = new List<string>();
        try
        {
            await data.InitialiseAsync(bin, password, initdbOutput.Add, CancellationToken.None);
        }
        catch (InvalidOperationException e)
        {
            // A test has no resource log to look at: the output goes with the failure.
            throw new InvalidOperationException($"{e.Message}\n{string.Join('\n', initdbOutput)}", e);
        }

        var port = FreePort();
        var (fileName, prefix) = data.Account.Launch(Path.Combine(bin, PostgresBinaries.Executable("postgres")));
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = data.Path,
            Environment = { ["LC_MESSAGES"] = "C" },
        };
        foreach (var argument in prefix.Concat(["-D", data.Path, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="]))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var server = new PostgresServer(Process.Start(startInfo)!, port, password, data.Path);
        server._postmaster.OutputDataReceived += (_, e) => server.Remember(e.Data);
        server._postmaster.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        server._postmaster.BeginOutputReadLine();
        server._postmaster.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = PostgresDataDirectory.Superuser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates <paramref name="database"/>; the name must be a plain lowercase identifier.</summary>
    public async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_postmaster.HasExited)
        {
            kill(_postmaster.Id, SigInt);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _postmaster.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _postmaster.Kill();
            }
        }
        _postmaster.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var probe = ConnectionString("postgres") + ";Timeout=3;Pooling=false";
        while (true)
        {
            if (_postmaster.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited with code {_postmaster.ExitCode} while starting:\n{RecentOutput()}");
            }
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
                return;
            }
            catch (Exception e) when ((e is NpgsqlException or SocketException or TimeoutException)
                                      && (e is not PostgresException p || p.SqlState == CannotConnectNow)
                                      && DateTime.UtcNow < deadline)
            {
                // Not listening yet, or still starting up.
            }
            await Task.Delay(200);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_recentLines)
        {
            _recentLines.Enqueue(line);
            if (_recentLines.Count > 50)
            {
                _recentLines.Dequeue();
            }
        }
    }

    private string RecentOutput()
    {
        lock (_recentLines)
        {
            return string.Join('\n', _recentLines);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc")]
    private static partial int kill(int pid, int signal);
}
