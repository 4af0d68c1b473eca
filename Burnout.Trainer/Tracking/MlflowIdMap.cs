using Npgsql;

namespace Burnout.Trainer.Tracking;

/// <summary>An id MLflow assigned on creation, by our key for the thing created.</summary>
internal abstract record MlflowIds;

/// <summary>Our run key as MLflow knows it: the run MLflow created for it and where its artifacts go.</summary>
internal sealed record MappedRun(string RunKey, string ExperimentId, string RunId, string ArtifactUri) : MlflowIds;

/// <summary>Our model version as MLflow numbered it.</summary>
internal sealed record MappedModelVersion(string ModelName, int LocalVersion, string MlflowVersion) : MlflowIds;

/// <summary>
/// The ids MLflow assigned on creation, by our keys (<c>tracking_runs</c>, <c>tracking_model_versions</c>).
/// They are written in the transaction that marks the creating call delivered, so either both are kept or
/// neither is, and a later call finds them.
/// </summary>
internal static class MlflowIdMap
{
    public static async Task<MappedRun?> FindRunAsync(NpgsqlConnection connection, string runKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT experiment_id, mlflow_run_id, artifact_uri FROM tracking_runs WHERE run_key = @run_key", connection);
        command.Parameters.AddWithValue("run_key", runKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new MappedRun(runKey, reader.GetString(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

    public static async Task<MappedModelVersion?> FindModelVersionAsync(NpgsqlConnection connection, string modelName, int localVersion, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT mlflow_version FROM tracking_model_versions WHERE model_name = @model_name AND local_version = @local_version", connection);
        command.Parameters.AddWithValue("model_name", modelName);
        command.Parameters.AddWithValue("local_version", localVersion);
        return await command.ExecuteScalarAsync(cancellationToken) is string version
            ? new MappedModelVersion(modelName, localVersion, version)
            : null;
    }

    public static async Task SaveAsync(NpgsqlTransaction transaction, MlflowIds ids, CancellationToken cancellationToken)
    {
        await using var command = ids switch
        {
            MappedRun run => Command(transaction, """
                INSERT INTO tracking_runs (run_key, experiment_id, mlflow_run_id, artifact_uri)
                VALUES (@a, @b, @c, @d) ON CONFLICT (run_key) DO NOTHING
                """, run.RunKey, run.ExperimentId, run.RunId, run.ArtifactUri),
            MappedModelVersion version => Command(transaction, """
                INSERT INTO tracking_model_versions (model_name, local_version, mlflow_version)
                VALUES (@a, @b, @c) ON CONFLICT (model_name, local_version) DO NOTHING
                """, version.ModelName, version.LocalVersion, version.MlflowVersion),
            _ => throw new ArgumentException($"Not an MLflow id mapping: {ids.GetType().Name}.", nameof(ids)),
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlTransaction transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(((char)('a' + i)).ToString(), values[i]);
        }

        return command;
    }
}
