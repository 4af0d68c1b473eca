using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Burnout.AppHost.Restarts;

public static class RestartOnCrashExtensions
{
    /// <summary>Starts the resource again, with backoff, whenever it exits without being asked to.</summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> builder) where T : IResource
    {
        builder.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CrashRestarter>());
        return builder.WithAnnotation(new RestartOnCrashAnnotation(), ResourceAnnotationMutationBehavior.Replace);
    }
}
