using System.Text;

namespace Burnout.Trainer.Tests;

/// <summary>A scratch directory for CSV files, deleted with the test.</summary>
internal sealed class TempCsv : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("burnout-trainer-tests-").FullName;

    public string Write(string name, string content, bool bom = false)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
