using Burnout.Trainer.Tracking.Mlflow;
using Npgsql;

namespace Burnout.Trainer.Tracking;

/// <summary>
/// Turns one outbox entry into the MLflow requests it stands for, with our keys resolved to MLflow's ids.
/// Calls that make MLflow assign an id first look for what an earlier, unacknowledged attempt may already have
/// created, so that resending them does not create it twice.
/// </summary>
internal sealed class MlflowCallSender(MlflowClient client, NpgsqlConnection connection)
{
    /// <summary>The tag that names our run key on the MLflow run, found again by <c>runs/search</c>.</summary>
    public const string RunKeyTag = "burnout.run_key";

    /// <returns>The ids MLflow assigned, to be kept with the delivered mark; null when the call assigned none.</returns>
    public async Task<MlflowIds?> SendAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        switch (entry.Call)
        {
            case StartRun start:
                return await StartRunAsync(entry.RunKey, start, cancellationToken);

            case LogBatch batch:
                var run = await RunAsync(entry, cancellationToken);
                await client.LogBatchAsync(
                    run.RunId,
                    batch.Metrics.Select(m => MlflowMetric.At(m.Key, m.Value, m.Timestamp, m.Step)).ToList(),
                    batch.Params.Select(p => new MlflowParam(p.Key, p.Value)).ToList(),
                    Tags(batch.Tags),
                    cancellationToken);
                return null;

            case LogDatasetInput input:
                await client.LogInputsAsync((await RunAsync(entry, cancellationToken)).RunId, [MlflowDatasetDigest.ToMlflow(input)], cancellationToken);
                return null;

            case UploadArtifact upload:
                using (var content = new MemoryStream(upload.Content, writable: false))
                {
                    await client.UploadArtifactAsync((await RunAsync(entry, cancellationToken)).ArtifactUri, upload.Path, content, cancellationToken);
                }

                return null;

            case FinishRun finish:
                var status = finish.Succeeded ? MlflowRunStatus.Finished : MlflowRunStatus.Failed;
                await client.UpdateRunAsync((await RunAsync(entry, cancellationToken)).RunId, status, finish.EndTime, cancellationToken);
                return null;

            case RegisterModelVersion register:
                return await RegisterModelVersionAsync(entry, register, cancellationToken);

            case SetModelAlias alias:
                var version = await MlflowIdMap.FindModelVersionAsync(connection, alias.ModelName, alias.LocalVersion, cancellationToken)
                    ?? throw new OutboxDeliveryException($"No MLflow version was registered for version {alias.LocalVersion} of '{alias.ModelName}'.");
                await client.SetRegisteredModelAliasAsync(alias.ModelName, alias.Alias, version.MlflowVersion, cancellationToken);
                return null;

            default:
                throw new OutboxDeliveryException($"No delivery for a {entry.Call.GetType().Name}.");
        }
    }

    private async Task<MappedRun> StartRunAsync(string runKey, StartRun start, CancellationToken cancellationToken)
    {
        if (await MlflowIdMap.FindRunAsync(connection, runKey, cancellationToken) is { } started)
        {
            return started;
        }

        // MLflow may have created the run and lost its answer (or we lost our mark): the tag finds it.
        var experiment = await client.GetOrCreateExperimentAsync(start.ExperimentName, cancellationToken);
        var run = await client.FindRunByTagAsync(experiment.ExperimentId, RunKeyTag, runKey, cancellationToken)
            ?? await client.CreateRunAsync(
                experiment.ExperimentId,
                start.RunName,
                start.StartTime,
                [.. Tags(start.Tags), new MlflowTag(RunKeyTag, runKey)],
                cancellationToken);

        return new MappedRun(runKey, experiment.ExperimentId, run.Info.RunId,
            run.Info.ArtifactUri ?? throw new OutboxDeliveryException($"MLflow's run {run.Info.RunId} has no artifact URI."));
    }

    private async Task<MappedModelVersion> RegisterModelVersionAsync(OutboxEntry entry, RegisterModelVersion register, CancellationToken cancellationToken)
    {
        if (await MlflowIdMap.FindModelVersionAsync(connection, register.ModelName, register.LocalVersion, cancellationToken) is { } registered)
        {
            return registered;
        }

        var run = await RunAsync(entry, cancellationToken);
        await client.CreateRegisteredModelAsync(register.ModelName, cancellationToken);
        var version = await client.CreateModelVersionAsync(register.ModelName, run.ArtifactUri + "/" + register.ArtifactPath, run.RunId, cancellationToken);
        return new MappedModelVersion(register.ModelName, register.LocalVersion, version.Version);
    }

    // Entries are delivered in order, so a run's StartRun has been delivered before its other calls, or has failed.
    private async Task<MappedRun> RunAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        await MlflowIdMap.FindRunAsync(connection, entry.RunKey, cancellationToken)
            ?? throw new OutboxDeliveryException($"'{entry.RunKey}' has no MLflow run: its StartRun failed or was never enqueued.");

    private static List<MlflowTag> Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.Select(t => new MlflowTag(t.Key, t.Value)).ToList();
}
