using Burnout.Hosting.ApplicationModel;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// What a resource's references become in its environment, by Aspire's conventions, so services read
/// them with plain configuration: <c>ConnectionStrings__{name}</c>, <c>services__{name}__http__0</c>, and
/// <c>MLFLOW_TRACKING_URI</c> (MLflow's own variable).
/// </summary>
internal static class ReferenceEnvironment
{
    public static async Task<Dictionary<string, string?>> BuildAsync(Resource resource, Func<IResource, ResourceRuntime> runtimeOf, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var reference in resource.References)
        {
            var runtime = runtimeOf(reference);
            switch (reference)
            {
                case IResourceWithConnectionString withConnectionString:
                    // Known after the server's first start; WaitFor usually means it is known already.
                    await runtime.WaitUntilAsync(r => r.ConnectionString is not null, cancellationToken).ConfigureAwait(false);
                    environment[$"ConnectionStrings__{withConnectionString.ConnectionStringName}"] = runtime.ConnectionString;
                    break;

                case MlflowResource when runtime.State == ResourceState.Unavailable:
                    // The service runs without tracking; the dashboard says why MLflow is missing.
                    break;

                case MlflowResource when runtime.Endpoints.FirstOrDefault() is { } mlflow:
                    environment["MLFLOW_TRACKING_URI"] = mlflow.Url;
                    environment[$"services__{reference.Name}__http__0"] = mlflow.Url;
                    break;

                default:
                    foreach (var endpoint in runtime.Endpoints)
                    {
                        environment[$"services__{reference.Name}__{endpoint.Name}__0"] = endpoint.Url;
                    }
                    break;
            }
        }
        foreach (var (name, value) in resource.Environment)
        {
            environment[name] = value;
        }
        return environment;
    }
}
