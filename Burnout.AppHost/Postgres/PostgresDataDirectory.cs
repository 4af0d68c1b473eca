using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Burnout.AppHost.Postgres;

/// <summary>
/// A PostgreSQL data folder that Burnout initialised: where it lives, its one-time <c>initdb</c>, and the
/// superuser password that travels with it (in <see cref="PasswordFileName"/>, inside the folder, 0600).
/// </summary>
internal sealed partial class PostgresDataDirectory
{
    /// <summary>The superuser initdb creates.</summary>
    public const string Superuser = "postgres";

    public const string PasswordFileName = "burnout-superuser-password";

    /// <summary>Where data goes when the wanted folder cannot be reached by the server's account.</summary>
    public const string SharedRoot = "/var/lib/burnout";

    private PostgresDataDirectory(string path, string? requestedPath, PostgresAccount account)
    {
        Path = path;
        RequestedPath = requestedPath;
        Account = account;
    }

    public string Path { get; }

    /// <summary>Set when the data could not live where it was asked to (see <see cref="Locate"/>).</summary>
    public string? RequestedPath { get; }

    public PostgresAccount Account { get; }

    public bool IsInitialised => File.Exists(System.IO.Path.Combine(Path, "PG_VERSION"));

    private string PasswordFile => System.IO.Path.Combine(Path, PasswordFileName);

    /// <summary>
    /// The folder to use for <paramref name="wanted"/>. As root, PostgreSQL runs as another account, which
    /// cannot enter a clone under <c>/root</c> or a 0700 temporary folder; there the data goes to
    /// <see cref="SharedRoot"/>, in a folder named after the wanted path, so each clone keeps its own data
    /// across runs.
    /// </summary>
    public static PostgresDataDirectory Locate(string wanted, PostgresAccount account)
    {
        wanted = System.IO.Path.GetFullPath(wanted);
        if (account.CanReach(wanted))
        {
            return new PostgresDataDirectory(wanted, null, account);
        }
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(wanted)))[..12].ToLowerInvariant();
        var shared = System.IO.Path.Combine(SharedRoot, key, "postgres");
        return new PostgresDataDirectory(shared, wanted, account);
    }

    /// <summary>The superuser password, made on first use; it is kept only once initdb has used it.</summary>
    public string ReadOrCreatePassword()
    {
        if (File.Exists(PasswordFile))
        {
            return File.ReadAllText(PasswordFile).Trim();
        }
        if (IsInitialised)
        {
            throw new InvalidOperationException(
                $"'{Path}' holds a PostgreSQL data folder that Burnout did not initialise (no {PasswordFileName}); " +
                "choose another Burnout:DataDirectory or set ConnectionStrings:burnoutdb to that server.");
        }
        return Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
    }

    /// <summary>Runs initdb once, as the server's account, with <paramref name="password"/> for the superuser.</summary>
    public async Task InitialiseAsync(string binFolder, string password, Action<string> log, CancellationToken cancellationToken)
    {
        Prepare();
        if (IsInitialised)
        {
            return;
        }
        if (Directory.EnumerateFileSystemEntries(Path).Any())
        {
            throw new InvalidOperationException($"'{Path}' is neither empty nor a PostgreSQL data folder (no PG_VERSION); refusing to touch it.");
        }

        log($"Initialising a new PostgreSQL data folder in {Path}.");
        // initdb reads the password from a file; as another account it cannot reopen our standard input.
        var passwordInput = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"burnout-pwfile-{Guid.NewGuid():N}");
        WritePrivateFile(passwordInput, password + "\n");
        try
        {
            var (fileName, prefix) = Account.Launch(System.IO.Path.Combine(binFolder, PostgresBinaries.Executable("initdb")));
            var startInfo = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path,
                Environment = { ["LC_MESSAGES"] = "C" },
            };
            foreach (var argument in prefix.Concat(["-D", Path, "-U", Superuser, "--auth=scram-sha-256", $"--pwfile={passwordInput}", "--encoding=UTF8", "--no-locale"]))
            {
                startInfo.ArgumentList.Add(argument);
            }
            using var initdb = Process.Start(startInfo)!;
            var output = initdb.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = initdb.StandardError.ReadToEndAsync(cancellationToken);
            await initdb.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var line in (await output.ConfigureAwait(false) + await errors.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                log(line);
            }
            if (initdb.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed with exit code {initdb.ExitCode} in '{Path}'; its output is in the log above.");
            }
        }
        finally
        {
            File.Delete(passwordInput);
        }

        WritePrivateFile(PasswordFile, password);
    }

    /// <summary>
    /// A postmaster left by a run that was killed outright still holds the folder, and the new one would stop
    /// with "lock file already exists". Its lock file names it: ask it to shut down, as pg_ctl would.
    /// </summary>
    public async Task StopLeftoverServerAsync(Action<string> log, CancellationToken cancellationToken)
    {
        var lockFile = System.IO.Path.Combine(Path, "postmaster.pid");
        if (OperatingSystem.IsWindows()
            || !File.Exists(lockFile)
            || !int.TryParse(File.ReadLines(lockFile).FirstOrDefault(), out var pid)
            || kill(pid, 0) != 0
            || !File.Exists($"/proc/{pid}/comm")
            || File.ReadAllText($"/proc/{pid}/comm").Trim() is not ("postgres" or "postmaster"))
        {
            return;
        }
        log($"A PostgreSQL server from an earlier run (pid {pid}) still holds {Path}; stopping it.");
        const int SigInt = 2, SigKill = 9;
        kill(pid, SigInt);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (kill(pid, 0) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                kill(pid, SigKill);
                break;
            }
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the folder, hands it to the server's account, and sets the 0700 that PostgreSQL insists on.</summary>
    private void Prepare()
    {
        Directory.CreateDirectory(Path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (RequestedPath is not null)
        {
            // The shared root and the per-clone folder are only walked through by the server's account.
            var searchable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(SharedRoot, searchable);
            File.SetUnixFileMode(System.IO.Path.GetDirectoryName(Path)!, searchable);
        }
        Account.TakeOwnership(Path, recursive: true);
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private void WritePrivateFile(string path, string contents)
    {
        if (!OperatingSystem.IsWindows())
        {
            using (File.Create(path))
            {
            }
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.WriteAllText(path, contents);
        Account.TakeOwnership(path, recursive: false);
    }

    [LibraryImport("libc")]
    private static partial int kill(int pid, int signal);
}
