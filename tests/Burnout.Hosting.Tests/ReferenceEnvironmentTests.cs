using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Orchestration;

namespace Burnout.Hosting.Tests;

/// <summary>References become Aspire's environment conventions.</summary>
public sealed class ReferenceEnvironmentTests
{
    private static readonly ProjectMetadata s_project = new("/nowhere/X.csproj", "/nowhere/X.dll");

    [Fact]
    public async Task Databases_projects_and_mlflow_become_connection_strings_service_addresses_and_the_tracking_uri()
    {
        var postgres = new PostgresServerResource("postgres");
        var db = new PostgresDatabaseResource("burnoutdb", "burnoutdb", postgres);
        var api = new ProjectResource("api", s_project);
        var mlflow = new MlflowResource("mlflow");
        var web = new ProjectResource("web", s_project);
        web.AddReference(db);
        web.AddReference(api);
        web.AddReference(mlflow);
        web.SetEnvironment("EXTRA", "1");

        var runtimes = new Dictionary<IResource, ResourceRuntime>
        {
            [db] = new(db, [], 10),
            [api] = new(api, [new ResourceEndpoint("http", "http://127.0.0.1:5081", false)], 10),
            [mlflow] = new(mlflow, [new ResourceEndpoint("http", "http://127.0.0.1:5000", true)], 10),
        };
        runtimes[db].SetConnectionString("Host=127.0.0.1;Port=5432;Database=burnoutdb");

        var environment = await ReferenceEnvironment.BuildAsync(web, r => runtimes[r], CancellationToken.None);

        Assert.Equal("Host=127.0.0.1;Port=5432;Database=burnoutdb", environment["ConnectionStrings__burnoutdb"]);
        Assert.Equal("http://127.0.0.1:5081", environment["services__api__http__0"]);
        Assert.Equal("http://127.0.0.1:5000", environment["MLFLOW_TRACKING_URI"]);
        Assert.Equal("1", environment["EXTRA"]);
    }

    [Fact]
    public async Task An_unavailable_mlflow_gives_no_tracking_uri()
    {
        var mlflow = new MlflowResource("mlflow");
        var trainer = new ProjectResource("trainer", s_project);
        trainer.AddReference(mlflow);
        var runtime = new ResourceRuntime(mlflow, [], 10);
        runtime.SetState(ResourceState.Unavailable, "no mlflow here");

        var environment = await ReferenceEnvironment.BuildAsync(trainer, _ => runtime, CancellationToken.None);

        Assert.DoesNotContain("MLFLOW_TRACKING_URI", environment.Keys);
    }
}
