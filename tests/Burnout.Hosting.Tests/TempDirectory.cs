namespace Burnout.Hosting.Tests;

/// <summary>
/// A scratch folder removed afterwards. Created with the default mode (not 0700, as
/// Directory.CreateTempSubdirectory does) because PostgreSQL, running as another user when we are root,
/// must be able to reach a data folder inside it.
/// </summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "burnout-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover folder in /tmp harms nothing.
        }
    }
}
