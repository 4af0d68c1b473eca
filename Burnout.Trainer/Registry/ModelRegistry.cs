using System.Text.Json;
using Burnout.Ml.Serialization;
using Npgsql;

namespace Burnout.Trainer.Registry;

/// <summary>
/// The registry in PostgreSQL: versions per problem with their metrics, snapshot hash and model, the aliases
/// <c>champion</c> and <c>challenger</c>, and the history of every decision about the champion.
/// Alias changes and their history row are written in one transaction.
/// </summary>
public sealed class ModelRegistry(NpgsqlDataSource dataSource)
{
    /// <summary>Stores a new version of <paramref name="problem"/> and names it challenger.</summary>
    public async Task<int> RegisterChallengerAsync(
        string problem, long runId, string learner, string snapshotHash, ScoringModel model, JsonElement metrics, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Serialises registrations of one problem, so two runs finishing together get distinct versions.
        await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@problem))", cancellationToken, ("problem", problem));
        var version = Convert.ToInt32(await Scalar(connection, transaction,
            "SELECT coalesce(max(version), 0) + 1 FROM model_versions WHERE problem = @problem", cancellationToken, ("problem", problem)));
        await Execute(connection, transaction, """
            INSERT INTO model_versions (problem, version, run_id, learner, snapshot_hash, model, metrics)
            VALUES (@problem, @version, @run, @learner, @hash, @model, @metrics::jsonb)
            """, cancellationToken,
            ("problem", problem), ("version", version), ("run", runId), ("learner", learner), ("hash", snapshotHash),
            ("model", ModelSerializer.Serialize(model)), ("metrics", metrics.GetRawText()));
        await SetAlias(connection, transaction, problem, ModelAliases.Challenger, version, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    /// <summary>Makes <paramref name="version"/> the champion and records why; the previous champion is kept in the history.</summary>
    public async Task PromoteAsync(string problem, int version, string kind, string actor, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await AliasVersion(connection, transaction, problem, ModelAliases.Champion, cancellationToken);
        await SetAlias(connection, transaction, problem, ModelAliases.Champion, version, cancellationToken);
        await Record(connection, transaction, problem, current, version, kind, accepted: true, actor, reason, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Keeps a refusal of the gate in the history, so that "why is this still the champion" has an answer.</summary>
    public async Task RecordRefusalAsync(string problem, int version, string actor, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var current = await AliasVersion(connection, null, problem, ModelAliases.Champion, cancellationToken);
        await Record(connection, null, problem, current, version, "gate", accepted: false, actor, reason, cancellationToken);
    }

    /// <summary>The champion before the current one, per the history; null when there is none to go back to.</summary>
    public async Task<int?> PreviousChampionAsync(string problem, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var previous = await Scalar(connection, null, """
            SELECT from_version FROM model_promotions
            WHERE problem = @problem AND accepted AND to_version = (SELECT version FROM model_aliases WHERE problem = @problem AND alias = 'champion')
            ORDER BY promotion_id DESC LIMIT 1
            """, cancellationToken, ("problem", problem));
        return previous is int version ? version : null;
    }

    public async Task<int?> GetAliasAsync(string problem, string alias, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await AliasVersion(connection, null, problem, alias, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string problem, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Scalar(connection, null, "SELECT 1 FROM model_versions WHERE problem = @problem AND version = @version",
            cancellationToken, ("problem", problem), ("version", version)) is not null;
    }

    public async Task<ScoringModel?> ReadModelAsync(string problem, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await Scalar(connection, null, "SELECT model FROM model_versions WHERE problem = @problem AND version = @version",
            cancellationToken, ("problem", problem), ("version", version)) is string json ? ModelSerializer.Deserialize(json) : null;
    }

    public async Task<IReadOnlyList<ModelVersion>> ListAsync(string? problem, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT v.problem, v.version, v.run_id, v.learner, v.snapshot_hash, v.metrics::text,
                   coalesce(array_agg(a.alias ORDER BY a.alias) FILTER (WHERE a.alias IS NOT NULL), '{}'), v.created_at
            FROM model_versions v LEFT JOIN model_aliases a ON a.problem = v.problem AND a.version = v.version
            WHERE @problem::text IS NULL OR v.problem = @problem
            GROUP BY v.problem, v.version ORDER BY v.problem, v.version DESC
            """);
        command.Parameters.AddWithValue("problem", (object?)problem ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<ModelVersion>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new ModelVersion(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                JsonDocument.Parse(reader.GetString(5)).RootElement.Clone(), reader.GetFieldValue<string[]>(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return versions;
    }

    public async Task<IReadOnlyList<PromotionRecord>> HistoryAsync(string problem, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT promotion_id, problem, from_version, to_version, kind, accepted, actor, reason, decided_at
            FROM model_promotions WHERE problem = @problem ORDER BY promotion_id
            """);
        command.Parameters.AddWithValue("problem", problem);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new List<PromotionRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(new PromotionRecord(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetInt32(3),
                reader.GetString(4), reader.GetBoolean(5), reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return history;
    }

    private static Task SetAlias(NpgsqlConnection connection, NpgsqlTransaction transaction, string problem, string alias, int version, CancellationToken cancellationToken) =>
        Execute(connection, transaction, """
            INSERT INTO model_aliases (problem, alias, version) VALUES (@problem, @alias, @version)
            ON CONFLICT (problem, alias) DO UPDATE SET version = excluded.version, updated_at = now()
            """, cancellationToken, ("problem", problem), ("alias", alias), ("version", version));

    private static async Task<int?> AliasVersion(NpgsqlConnection connection, NpgsqlTransaction? transaction, string problem, string alias, CancellationToken cancellationToken) =>
        await Scalar(connection, transaction, "SELECT version FROM model_aliases WHERE problem = @problem AND alias = @alias",
            cancellationToken, ("problem", problem), ("alias", alias)) is int version ? version : null;

    private static Task Record(NpgsqlConnection connection, NpgsqlTransaction? transaction, string problem, int? from, int to, string kind,
        bool accepted, string actor, string reason, CancellationToken cancellationToken) =>
        Execute(connection, transaction, """
            INSERT INTO model_promotions (problem, from_version, to_version, kind, accepted, actor, reason)
            VALUES (@problem, @from, @to, @kind, @accepted, @actor, @reason)
            """, cancellationToken, ("problem", problem), ("from", (object?)from ?? DBNull.Value), ("to", to), ("kind", kind),
            ("accepted", accepted), ("actor", actor), ("reason", reason));

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
