namespace Burnout.Hosting.Postgres;

/// <summary>
/// A short-lived 0600 file holding the superuser password for <c>initdb --pwfile</c>, readable only by the
/// account initdb runs as, and deleted as soon as initdb is done.
/// </summary>
internal sealed class PasswordInputFile : IDisposable
{
    public PasswordInputFile(string password, string? owner)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"burnout-pwfile-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(Path, password + "\n");
            return;
        }
        using (File.Create(Path, 0, FileOptions.None))
        {
        }
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path, password + "\n");
        if (owner is not null)
        {
            LocalPostgresServer.ChangeOwner(owner, Path, recursive: false);
        }
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
