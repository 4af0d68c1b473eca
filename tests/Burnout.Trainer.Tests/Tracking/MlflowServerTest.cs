using Burnout.Trainer.Tests.Tracking.Server;
using Burnout.Trainer.Tracking.Mlflow;

namespace Burnout.Trainer.Tests.Tracking;

/// <summary>A fresh in-memory MLflow server and a client on it, for each test.</summary>
public abstract class MlflowServerTest : IAsyncLifetime
{
    internal InMemoryMlflowServer Server { get; private set; } = null!;

    internal MlflowClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await InMemoryMlflowServer.StartAsync();
        Client = new MlflowClient(Server.CreateHttpClient());
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    internal int RequestsTo(string path) => Server.Received.Count(r => r.Path.EndsWith(path, StringComparison.Ordinal));

    internal async Task<MlflowRun> StartRunAsync(string experiment = "burnout-tests")
    {
        var created = await Client.GetOrCreateExperimentAsync(experiment);
        return await Client.CreateRunAsync(created.ExperimentId, "run", DateTimeOffset.UtcNow);
    }
}
