using System.Reflection;

namespace Burnout.Hosting;

/// <summary>
/// Finds the repository root, where <c>.burnout/</c> (gitignored) keeps local data. The AppHost build
/// stamps its project folder into the assembly (see build/Burnout.Hosting.targets), so this works
/// wherever the build output lives, including a separate artifacts folder.
/// </summary>
internal static class RepositoryLayout
{
    public const string ProjectDirectoryMetadataKey = "BurnoutProjectDirectory";

    public static string Root()
    {
        var start = Assembly.GetEntryAssembly()?
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryMetadataKey)?.Value
            ?? Environment.CurrentDirectory;

        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (folder.EnumerateFiles("*.sln").Any() || folder.EnumerateFiles("*.slnx").Any() || Directory.Exists(Path.Combine(folder.FullName, ".git")))
            {
                return folder.FullName;
            }
        }
        return start;
    }
}
