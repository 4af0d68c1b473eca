using Burnout.Hosting.ApplicationModel;

namespace Burnout.Hosting;

/// <summary>The relations between resources: references (configuration flows) and waits (start order).</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>
    /// Gives <paramref name="builder"/> what it needs to reach <paramref name="source"/>:
    /// <c>ConnectionStrings__{name}</c> for databases, <c>services__{name}__http__0</c> for projects,
    /// <c>MLFLOW_TRACKING_URI</c> for MLflow.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> source) where T : Resource
    {
        builder.Resource.AddReference(source.Resource);
        return builder;
    }

    /// <summary>Delays the start of <paramref name="builder"/> until <paramref name="dependency"/> is healthy (or unavailable here).</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency) where T : Resource
    {
        builder.Resource.AddWaitFor(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value) where T : Resource
    {
        builder.Resource.SetEnvironment(name, value);
        return builder;
    }
}
