namespace Burnout.Hosting.Orchestration;

/// <summary>The <c>dotnet</c> executable that runs service assemblies: the same one that runs us, when known.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        // Set by 'dotnet run', 'dotnet test' and MSBuild: the exact SDK host in use.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }
        if (Environment.ProcessPath is { } processPath
            && System.IO.Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }
        return Processes.ExecutableLocator.Find("dotnet") ?? "dotnet";
    }
}
