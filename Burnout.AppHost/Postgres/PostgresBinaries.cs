namespace Burnout.AppHost.Postgres;

/// <summary>
/// Finds a local PostgreSQL installation: the folder that holds <c>initdb</c>, <c>postgres</c> and
/// <c>pg_ctl</c>. PATH wins, so a developer can choose a version; then the usual install folders,
/// newest version first.
/// </summary>
internal static class PostgresBinaries
{
    /// <summary>What to tell someone who has no PostgreSQL at all.</summary>
    public const string InstallHint =
        "PostgreSQL was not found. Install it (Debian/Ubuntu: 'sudo apt-get install -y postgresql'; " +
        "macOS: 'brew install postgresql@16'; Fedora: 'sudo dnf install postgresql-server'), or make sure " +
        "initdb and postgres are on PATH, or set ConnectionStrings:burnoutdb to an existing server.";

    private static readonly string[] s_required = ["initdb", "postgres"];

    /// <summary>The bin folder, or null when no installation is found.</summary>
    public static string? Find() => Candidates().FirstOrDefault(IsComplete);

    private static IEnumerable<string> Candidates()
    {
        // On PATH, initdb is often a symlink (Debian's /usr/local/bin shims, Homebrew's bin): follow it to
        // the real folder, where postgres sits beside it.
        if (ExecutableSearch.OnPath(Executable("initdb")) is { } initdb)
        {
            var resolved = File.ResolveLinkTarget(initdb, returnFinalTarget: true)?.FullName ?? initdb;
            yield return Path.GetDirectoryName(resolved)!;
            yield return Path.GetDirectoryName(initdb)!;
        }

        foreach (var pattern in new[]
        {
            "/usr/lib/postgresql",               // Debian, Ubuntu: /usr/lib/postgresql/<major>/bin
            "/opt/homebrew/opt",                 // Homebrew on Apple silicon: postgresql@<major>/bin
            "/usr/local/opt",                    // Homebrew on Intel
            "/home/linuxbrew/.linuxbrew/opt",    // Homebrew on Linux
        })
        {
            foreach (var folder in VersionedFolders(pattern))
            {
                yield return Path.Combine(folder, "bin");
            }
        }

        // RHEL/Fedora PGDG packages: /usr/pgsql-<major>/bin.
        foreach (var folder in SafeDirectories("/usr", "pgsql-*").OrderByDescending(MajorVersion))
        {
            yield return Path.Combine(folder, "bin");
        }

        yield return "/opt/homebrew/bin";
        yield return "/usr/local/pgsql/bin";
        yield return "/Applications/Postgres.app/Contents/Versions/latest/bin";
    }

    private static IEnumerable<string> VersionedFolders(string parent) =>
        SafeDirectories(parent, "*")
            .Where(folder => Path.GetFileName(folder) is var name
                && (char.IsDigit(name[0]) || name.StartsWith("postgresql", StringComparison.Ordinal)))
            .OrderByDescending(MajorVersion);

    private static IEnumerable<string> SafeDirectories(string parent, string pattern)
    {
        try
        {
            return Directory.Exists(parent) ? Directory.GetDirectories(parent, pattern) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static int MajorVersion(string folder)
    {
        var digits = new string(Path.GetFileName(folder).SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var major) ? major : 0;
    }

    private static bool IsComplete(string folder) =>
        s_required.All(name => File.Exists(Path.Combine(folder, Executable(name))));

    public static string Executable(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;
}
