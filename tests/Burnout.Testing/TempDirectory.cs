namespace Burnout.Testing;

/// <summary>
/// A scratch folder removed afterwards. Created with the default mode, not Directory.CreateTempSubdirectory's
/// 0700: when the tests run as root, PostgreSQL runs as another user and must reach a data folder inside it.
/// </summary>
public sealed class TempDirectory : IDisposable
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover folder in the temp folder harms nothing.
        }
    }
}
