using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Burnout.Hosting.Processes;
using Npgsql;

namespace Burnout.Hosting.Postgres;

/// <summary>
/// A PostgreSQL server run from local binaries, owned by this process: initialised on first use, bound
/// to 127.0.0.1, stopped cleanly on dispose. The AppHost uses it for the <c>postgres</c> resource and
/// integration tests use it for a real database.
/// </summary>
/// <remarks>
/// The postmaster runs in the foreground as our direct child (not daemonised by pg_ctl), so we see its log,
/// learn at once if it dies, and can guarantee it never outlives us. PostgreSQL refuses to run as root,
/// so as root it runs as the <c>postgres</c> account (or <c>nobody</c>), which then owns the data folder.
/// </remarks>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    /// <summary>The superuser initdb creates; its password is kept in <see cref="PasswordFileName"/>.</summary>
    public const string Superuser = "postgres";

    /// <summary>Inside the data folder, so the password travels with the data it protects.</summary>
    public const string PasswordFileName = "burnout-superuser-password";

    /// <summary>"The database system is starting up": recovery or startup still running.</summary>
    private const string CannotConnectNow = "57P03";

    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _postmaster;
    private readonly string? _password;
    private readonly Action<string> _log;
    private int _disposed;

    private LocalPostgresServer(ChildProcess postmaster, int port, string? password, string dataDirectory, Action<string> log)
    {
        _postmaster = postmaster;
        Port = port;
        _password = password;
        DataDirectory = dataDirectory;
        _log = log;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    /// <summary>The postmaster's process id.</summary>
    public int ProcessId => _postmaster.Pid;

    /// <summary>Completes if the server exits on its own (or is killed); the AppHost reports that as a crash.</summary>
    public Task<int> Exited => _postmaster.Exited;

    public static async Task<LocalPostgresServer> StartAsync(LocalPostgresOptions options, CancellationToken cancellationToken = default)
    {
        var log = options.Log ?? (_ => { });
        var bin = PostgresBinaries.FindOrThrow();
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var runAs = Posix.IsRoot ? UnprivilegedUser() : null;

        PrepareDataDirectory(dataDirectory, runAs);
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitDbAsync(bin, dataDirectory, runAs, log, cancellationToken).ConfigureAwait(false);
        }
        await StopLeftoverPostmasterAsync(dataDirectory, log, cancellationToken).ConfigureAwait(false);

        var password = ReadPassword(dataDirectory, log);

        // A free port can be taken between our probe and the server's bind; only then is another try honest.
        var attempts = options.Port == 0 ? 3 : 1;
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port == 0 ? FreePort() : options.Port;
            var lines = new RecentLines(50);
            var postmaster = ChildProcess.Start(new ChildProcessSpec
            {
                FileName = Path.Combine(bin, PostgresBinaries.Executable("postgres")),
                Arguments =
                [
                    "-D", dataDirectory,
                    "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "-c", "listen_addresses=127.0.0.1",
                    // TCP only: the distribution's default socket folder (/var/run/postgresql) may not exist or be ours.
                    "-c", "unix_socket_directories=",
                ],
                WorkingDirectory = dataDirectory,
                RunAsUser = runAs,
                StopSignal = Posix.SigInt, // "fast" shutdown: roll back sessions, checkpoint, exit.
                Environment = new Dictionary<string, string?> { ["LC_MESSAGES"] = "C" },
            }, (line, _) => { lines.Add(line); log(line); });

            var server = new LocalPostgresServer(postmaster, port, password, dataDirectory, log);
            try
            {
                await server.WaitUntilReadyAsync(options.StartTimeout, lines, cancellationToken).ConfigureAwait(false);
                log($"PostgreSQL is accepting connections on 127.0.0.1:{port} (pid {postmaster.Pid}, data {dataDirectory}).");
                return server;
            }
            catch (PostgresStartException) when (attempt < attempts && lines.Any(l => l.Contains("Address already in use", StringComparison.Ordinal)))
            {
                await server.DisposeAsync().ConfigureAwait(false);
                log($"Port {port} was taken before PostgreSQL could bind it; trying another.");
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>A connection string for <paramref name="database"/>; it does not create the database.</summary>
    public string ConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
        };
        if (_password is not null)
        {
            builder.Password = _password;
        }
        return builder.ConnectionString;
    }

    /// <summary>Creates <paramref name="database"/> unless it exists. Safe to call concurrently.</summary>
    public Task EnsureDatabaseAsync(string database, CancellationToken ct = default) =>
        PostgresDatabase.EnsureExistsAsync(ConnectionString("postgres"), database, ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (!_postmaster.HasExited)
        {
            _log("Stopping PostgreSQL (fast shutdown).");
        }
        await _postmaster.StopAsync(s_stopGrace).ConfigureAwait(false);
        await _postmaster.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, RecentLines lines, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var probe = ConnectionString("postgres") + ";Timeout=3;Pooling=false";
        while (true)
        {
            if (_postmaster.HasExited)
            {
                throw new PostgresStartException(
                    $"PostgreSQL exited with code {_postmaster.Exited.Result} while starting:{Environment.NewLine}{lines}");
            }
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(timeoutSource.Token).ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (e.SqlState != CannotConnectNow)
            {
                // Listening but refusing us (a wrong password, a missing role): waiting will not help.
                throw new PostgresStartException($"PostgreSQL refused the connection: {e.MessageText} ({e.SqlState}).");
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException && !timeoutSource.IsCancellationRequested)
            {
                // Not listening yet, or still recovering ("the database system is starting up").
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PostgresStartException(
                    $"PostgreSQL did not accept connections within {timeout.TotalSeconds:0} s:{Environment.NewLine}{lines}");
            }

            try
            {
                await Task.Delay(200, timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PostgresStartException(
                    $"PostgreSQL did not accept connections within {timeout.TotalSeconds:0} s:{Environment.NewLine}{lines}");
            }
        }
    }

    private static string UnprivilegedUser() =>
        UserSwitch.UserExists("postgres") ? "postgres"
        : UserSwitch.UserExists("nobody") ? "nobody"
        : throw new InvalidOperationException("Running as root, and there is no 'postgres' or 'nobody' account to run PostgreSQL as.");

    private static void PrepareDataDirectory(string dataDirectory, string? runAs)
    {
        Directory.CreateDirectory(dataDirectory);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (runAs is not null)
        {
            // The server user must be able to reach its folder through every parent.
            for (var parent = Path.GetDirectoryName(dataDirectory); parent is not null; parent = Path.GetDirectoryName(parent))
            {
                if (!File.GetUnixFileMode(parent).HasFlag(UnixFileMode.OtherExecute))
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL runs as '{runAs}' (we are root), but '{parent}' is not searchable by other users, " +
                        $"so it cannot reach '{dataDirectory}'. Run 'chmod o+x {parent}' or choose a data folder elsewhere.");
                }
            }
            ChangeOwner(runAs, dataDirectory, recursive: true);
        }
        // initdb and the server insist on 0700.
        File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task InitDbAsync(string bin, string dataDirectory, string? runAs, Action<string> log, CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new InvalidOperationException(
                $"'{dataDirectory}' is neither empty nor a PostgreSQL data folder (no PG_VERSION); refusing to touch it.");
        }

        log($"Initialising a new PostgreSQL data folder in {dataDirectory}.");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
        var lines = new RecentLines(50);
        // initdb reads the password from a file; as another user it cannot reopen our stdin pipe.
        using var passwordInput = new PasswordInputFile(password, runAs);
        await using var initdb = ChildProcess.Start(new ChildProcessSpec
        {
            FileName = Path.Combine(bin, PostgresBinaries.Executable("initdb")),
            Arguments =
            [
                "-D", dataDirectory,
                "-U", Superuser,
                "--auth=scram-sha-256",
                $"--pwfile={passwordInput.Path}",
                "--encoding=UTF8",
                "--no-locale",
            ],
            WorkingDirectory = dataDirectory,
            RunAsUser = runAs,
            Environment = new Dictionary<string, string?> { ["LC_MESSAGES"] = "C" },
        }, (line, _) => { lines.Add(line); log(line); });

        var code = await initdb.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new PostgresStartException($"initdb failed with exit code {code}:{Environment.NewLine}{lines}");
        }

        var passwordFile = Path.Combine(dataDirectory, PasswordFileName);
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (runAs is not null)
            {
                ChangeOwner(runAs, passwordFile, recursive: false);
            }
        }
    }

    private static string? ReadPassword(string dataDirectory, Action<string> log)
    {
        var passwordFile = Path.Combine(dataDirectory, PasswordFileName);
        if (File.Exists(passwordFile))
        {
            return File.ReadAllText(passwordFile).Trim();
        }
        log($"No {PasswordFileName} in {dataDirectory}: this folder was not initialised by Burnout; connecting without a password.");
        return null;
    }

    /// <summary>
    /// A postmaster left running by a previous run that was killed outright still holds the data folder.
    /// Its lock file names it; we ask it to shut down rather than fail with "lock file already exists".
    /// </summary>
    private static async Task StopLeftoverPostmasterAsync(string dataDirectory, Action<string> log, CancellationToken cancellationToken)
    {
        var lockFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(lockFile)
            || !int.TryParse(File.ReadLines(lockFile).FirstOrDefault(), out var pid)
            || !Posix.IsAlive(pid)
            || !IsPostgresProcess(pid))
        {
            return;
        }

        log($"A PostgreSQL server from an earlier run (pid {pid}) still holds {dataDirectory}; stopping it.");
        Posix.Signal(pid, Posix.SigInt);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_stopGrace);
        while (Posix.IsAlive(pid))
        {
            if (timeout.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Posix.Signal(pid, Posix.SigKill);
                break;
            }
            await Task.Delay(200, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static bool IsPostgresProcess(int pid)
    {
        var comm = $"/proc/{pid}/comm";
        // Without /proc (macOS) the lock file's pid is trusted, as pg_ctl itself does.
        return !File.Exists(comm) || File.ReadAllText(comm).Trim() is "postgres" or "postmaster";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static void ChangeOwner(string user, string path, bool recursive)
    {
        string[] arguments = recursive ? ["-R", $"{user}:", path] : [$"{user}:", path];
        using var process = System.Diagnostics.Process.Start("chown", arguments);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'chown {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}.");
        }
    }
}
