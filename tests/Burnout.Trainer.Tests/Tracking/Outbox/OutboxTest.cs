using Burnout.Data.Migrations;
using Burnout.Testing;
using Burnout.Trainer.Tests.Tracking.Server;
using Burnout.Trainer.Tracking;
using Burnout.Trainer.Tracking.Mlflow;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Burnout.Trainer.Tests.Tracking.Outbox;

/// <summary>For each test: a fresh migrated database with its outbox, and a fresh in-memory MLflow server.</summary>
[Collection(OutboxPostgres.Name)]
public abstract class OutboxTest(PostgresFixture postgres) : IAsyncLifetime
{
    internal const string RunKey = "training-run-42";
    internal const string ModelName = "burnout-risk";
    internal const string RegistryKey = "registry-burnout-risk";
    internal static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    internal static readonly string DatasetHash = new string('a', 32) + new string('b', 32);

    /// <summary>Short waits so that a test of the background loop takes milliseconds, not seconds.</summary>
    internal static readonly OutboxDispatcherOptions FastOptions = new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20));

    internal InMemoryMlflowServer Server { get; private set; } = null!;

    internal NpgsqlDataSource DataSource { get; private set; } = null!;

    internal TrackingOutbox Outbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await InMemoryMlflowServer.StartAsync();
        DataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("outbox"));
        await new SchemaMigrator(DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(SchemaMigration.LoadEmbedded(), CancellationToken.None);
        Outbox = new TrackingOutbox(DataSource, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    /// <summary>A dispatcher on the in-memory server; short HTTP timeout so a stopped server fails fast.</summary>
    internal OutboxDispatcher Dispatcher() =>
        new(DataSource, Outbox, () => new MlflowClient(Server.CreateHttpClient(TimeSpan.FromSeconds(5))), FastOptions, TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);

    /// <summary>Everything one training run records, then the promotion of its model.</summary>
    internal async Task EnqueueWholeRunAsync()
    {
        await Outbox.EnqueueAsync(RunKey, RunCalls(), CancellationToken.None);
        await Outbox.EnqueueAsync(RegistryKey, [new SetModelAlias(ModelName, "champion", LocalVersion: 7)], CancellationToken.None);
    }

    internal static IReadOnlyList<TrackingCall> RunCalls() =>
    [
        new StartRun("burnout", "lightgbm-42", Start, new Dictionary<string, string> { ["trainer"] = "lightgbm" }),
        new LogBatch(
            [new TrackedMetric("pr_auc", 0.61, Start.AddMinutes(1), 1), new TrackedMetric("pr_auc", 0.64, Start.AddMinutes(2), 2)],
            new Dictionary<string, string> { ["learning_rate"] = "0.05", ["num_leaves"] = "31" },
            new Dictionary<string, string> { ["stage"] = "search" }),
        new LogDatasetInput("snapshot-sim-11", DatasetHash, "postgres", """{"snapshot_id":11}""", Schema: null, """{"rows":7200}""", "training"),
        new UploadArtifact("model/model.json", "{\"trees\":[]}"u8.ToArray()),
        new FinishRun(Succeeded: true, Start.AddMinutes(5)),
        new RegisterModelVersion(ModelName, "model", LocalVersion: 7),
    ];

    /// <summary>Requests to a path (ending) that MLflow accepted.</summary>
    internal int Accepted(string pathEnd, string method = "POST") =>
        Server.Received.Count(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal) && r.Status is >= 200 and < 300);

    internal StoredRun TheRun() => Assert.Single(Server.State.Runs.Values, run => run.Tags.GetValueOrDefault(MlflowCallSender.RunKeyTag) == RunKey);

    internal async Task<long> CountAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
