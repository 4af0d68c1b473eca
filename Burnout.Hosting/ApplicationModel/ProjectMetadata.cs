namespace Burnout.Hosting.ApplicationModel;

/// <summary>Project paths given by hand, for <c>AddProject(name, path)</c>.</summary>
public sealed record ProjectMetadata(string ProjectPath, string TargetPath) : IProjectMetadata
{
    /// <summary>
    /// Guesses the build output of a project that the AppHost does not reference: the default
    /// <c>bin/Debug/&lt;tfm&gt;/</c> layout, newest target framework first.
    /// </summary>
    public static ProjectMetadata FromProjectPath(string projectPath)
    {
        var fullPath = Path.GetFullPath(projectPath);
        if (Directory.Exists(fullPath))
        {
            fullPath = Directory.GetFiles(fullPath, "*.csproj").SingleOrDefault()
                ?? throw new ArgumentException($"'{projectPath}' holds no single .csproj.", nameof(projectPath));
        }
        var assemblyName = Path.GetFileNameWithoutExtension(fullPath) + ".dll";
        var debug = Path.Combine(Path.GetDirectoryName(fullPath)!, "bin", "Debug");
        var targetPath = Directory.Exists(debug)
            ? Directory.GetDirectories(debug).OrderDescending(StringComparer.Ordinal)
                .Select(folder => Path.Combine(folder, assemblyName)).FirstOrDefault(File.Exists)
            : null;
        return new ProjectMetadata(fullPath, targetPath ?? Path.Combine(debug, "net10.0", assemblyName));
    }
}
