using Burnout.Hosting.ApplicationModel;

namespace Burnout.Hosting;

/// <summary><c>AddMlflow</c>: an MLflow tracking server, or its absence shown plainly.</summary>
public static class MlflowBuilderExtensions
{
    public static IResourceBuilder<MlflowResource> AddMlflow(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new MlflowResource(name));
}
