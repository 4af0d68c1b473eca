namespace Burnout.Hosting.ApplicationModel;

/// <summary>Something the AppHost runs or connects to, known by a kebab-case name.</summary>
public interface IResource
{
    string Name { get; }

    /// <summary>Shown on the dashboard: Project, Postgres, PostgresDatabase, Mlflow.</summary>
    string Kind { get; }
}
