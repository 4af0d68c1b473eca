namespace Burnout.Hosting.ApplicationModel;

/// <summary>A .NET project in this repository, run from its build output with one HTTP endpoint.</summary>
public sealed class ProjectResource(string name, IProjectMetadata project) : Resource(name)
{
    public override string Kind => "Project";

    public IProjectMetadata Project { get; } = project;

    /// <summary>Marks the endpoint as meant for people (the front end), not only for other services.</summary>
    public bool HasExternalHttpEndpoints { get; internal set; }

    /// <summary>Readiness path polled for health; ServiceDefaults maps it in every service.</summary>
    public string HealthCheckPath { get; internal set; } = "/health";
}
