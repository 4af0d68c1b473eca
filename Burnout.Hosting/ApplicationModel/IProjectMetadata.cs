namespace Burnout.Hosting.ApplicationModel;

/// <summary>
/// Where a project and its build output are, as Aspire's generated <c>Projects.*</c> classes say. The
/// AppHost build generates one class per service project it references (see build/Burnout.Hosting.targets),
/// so the paths follow whatever configuration and artifacts layout the build used.
/// </summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the .csproj.</summary>
    string ProjectPath { get; }

    /// <summary>Full path of the built assembly (the .dll run with <c>dotnet</c>).</summary>
    string TargetPath { get; }
}
