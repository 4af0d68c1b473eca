using Burnout.Hosting.ApplicationModel;

namespace Burnout.Hosting;

/// <summary><c>AddProject</c>, as in Aspire: a service project of this repository.</summary>
public static class ProjectResourceBuilderExtensions
{
    /// <summary>Adds a project through its generated <c>Projects.*</c> class (a ProjectReference of the AppHost).</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));

    /// <summary>Adds a project by path, for one the AppHost does not reference; it must be built already.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectPath) =>
        builder.AddResource(new ProjectResource(name, ProjectMetadata.FromProjectPath(projectPath)));

    /// <summary>Marks the HTTP endpoint as one for people (the front end); the dashboard highlights it.</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.HasExternalHttpEndpoints = true;
        return builder;
    }

    /// <summary>The readiness path polled for health; <c>/health</c> (from ServiceDefaults) unless set.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> builder, string path)
    {
        builder.Resource.HealthCheckPath = path.StartsWith('/') ? path : "/" + path;
        return builder;
    }
}
