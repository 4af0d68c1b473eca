using System.Text.RegularExpressions;
using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Burnout.Hosting;

/// <summary>
/// Collects the application model (as Aspire's IDistributedApplicationBuilder does) and the AppHost's
/// configuration: appsettings.json beside the AppHost, environment variables, command-line arguments.
/// </summary>
public sealed partial class DistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];

    internal DistributedApplicationBuilder(string[] args)
    {
        WebBuilder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json is copied next to the AppHost assembly; do not depend on the working folder.
            ContentRootPath = AppContext.BaseDirectory,
        });
    }

    public ConfigurationManager Configuration => WebBuilder.Configuration;

    public IReadOnlyList<IResource> Resources => _resources;

    /// <summary>Hosts the dashboard; exposed for the DistributedApplication only.</summary>
    internal WebApplicationBuilder WebBuilder { get; }

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (!ResourceName().IsMatch(resource.Name))
        {
            throw new ArgumentException($"Resource names are kebab-case (lowercase letters, digits, '-'): '{resource.Name}'.", nameof(resource));
        }
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' already exists.", nameof(resource));
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        // Fails here, before anything starts, on cycles or references to resources never added.
        _ = new DependencyGraph(_resources);
        var options = HostingOptions.FromConfiguration(Configuration, Path.Combine(RepositoryLayout.Root(), ".burnout"));
        return new DistributedApplication(WebBuilder, _resources.ToList(), options);
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex ResourceName();
}
