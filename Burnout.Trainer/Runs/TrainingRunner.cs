using System.Text.Json;
using Burnout.Trainer.Datasets.Snapshots;
using Burnout.Trainer.Registry;
using Burnout.Trainer.Training;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Burnout.Trainer.Runs;

/// <summary>
/// Executes one claimed run: the snapshot (materialised first when the run names a definition), the pipeline, the
/// new version as challenger, and the promotion gate against the champion on the same recent rows.
/// </summary>
public sealed class TrainingRunner(
    TrainingRunStore runs,
    DatasetSnapshotStore snapshots,
    ModelRegistry registry,
    NpgsqlDataSource dataSource,
    RunTracking tracking,
    TimeProvider clock,
    IOptions<TrainingSettings> settings,
    ILogger<TrainingRunner> logger)
{
    private static readonly JsonSerializerOptions Json = SnapshotJson.Options;

    public async Task ExecuteAsync(ClaimedRun run, CancellationToken cancellationToken)
    {
        void Report(double progress, string line)
        {
            logger.LogInformation("Training run {RunId} ({Progress:P0}): {Line}", run.RunId, progress, line);
            // The pipeline reports from its own thread; waiting here keeps the log in order.
            runs.ReportAsync(run.RunId, progress, line, cancellationToken).GetAwaiter().GetResult();
        }

        var startedAt = clock.GetUtcNow();
        var snapshot = await ResolveSnapshotAsync(run, cancellationToken);
        await runs.ReportAsync(run.RunId, 0.01, $"Snapshot {snapshot.SnapshotId} ({snapshot.RowCount:N0} rows, sha256 {snapshot.ContentHash[..12]}…).", cancellationToken);
        var rows = TrainingRows.From(snapshot.FeatureNames, await snapshots.ReadRowsAsync(snapshot.SnapshotId, cancellationToken));
        var candidates = run.Candidates.Select(name => CandidateLearner.Find(name) ?? throw new InvalidOperationException($"unknown candidate '{name}'")).ToList();

        var options = settings.Value.Pipeline;
        var outcome = await Task.Run(() => TrainingPipeline.Run(rows, candidates, options, Report, cancellationToken), cancellationToken);

        var metrics = JsonSerializer.SerializeToElement(new
        {
            learner = outcome.Best.Learner,
            parameters = outcome.Best.Parameters,
            held_out = outcome.Best.HeldOut,
            later_window = outcome.Best.LaterWindow,
            threshold = outcome.Model.DecisionThreshold,
            bands = new { medium_from = outcome.Model.Bands.MediumFrom, high_from = outcome.Model.Bands.HighFrom },
            lead_time = outcome.LeadTime,
            cutoff = outcome.Cutoff,
            rows = new { training = outcome.TrainingRows, calibration = outcome.CalibrationRows, held_out = outcome.HeldOutRows, later_window = outcome.LaterWindowRows },
            snapshot_id = snapshot.SnapshotId,
        }, Json);
        var comparison = JsonSerializer.SerializeToElement(outcome.Candidates, Json);

        var version = await registry.RegisterChallengerAsync(run.Problem, run.RunId, outcome.Best.Learner, snapshot.ContentHash, outcome.Model, metrics, cancellationToken);
        await runs.ReportAsync(run.RunId, 1, $"Registered {run.Problem} version {version} ({outcome.Best.Learner}) as challenger.", cancellationToken);
        // Tracking goes to the outbox, which delivers it whenever MLflow answers: training never waits for MLflow.
        await tracking.RecordRunAsync(run, snapshot, outcome, version, metrics, startedAt, cancellationToken);
        await ApplyGateAsync(run, version, outcome, rows, cancellationToken);
        await runs.SucceedAsync(run.RunId, metrics, comparison, version, cancellationToken);
    }

    private async Task<SnapshotSummary> ResolveSnapshotAsync(ClaimedRun run, CancellationToken cancellationToken)
    {
        if (run.SnapshotId is { } id)
        {
            return await snapshots.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException($"snapshot {id} does not exist");
        }
        var request = run.Definition!.Value.Deserialize<SnapshotRequest>(Json)!;
        await runs.ReportAsync(run.RunId, 0, $"Materialising the snapshot '{request.Name}' ({request.From:yyyy-MM-dd} to {request.To:yyyy-MM-dd}).", cancellationToken);
        var snapshot = await snapshots.MaterializeAsync(request, cancellationToken);
        await runs.SetSnapshotAsync(run.RunId, snapshot.SnapshotId, cancellationToken);
        return snapshot;
    }

    private async Task ApplyGateAsync(ClaimedRun run, int version, TrainingOutcome outcome, TrainingRows rows, CancellationToken cancellationToken)
    {
        var championVersion = await registry.GetAliasAsync(run.Problem, ModelAliases.Champion, cancellationToken);
        var champion = championVersion is { } v ? await registry.ReadModelAsync(run.Problem, v, cancellationToken) : null;
        GateDecision decision;
        if (champion is null || !champion.Schema.Equals(outcome.Model.Schema))
        {
            decision = new GateDecision(true, champion is null ? "there is no champion yet" : "the champion was trained on other features");
        }
        else
        {
            var recent = rows.Matrix(outcome.RecentRows);
            var groups = await StudentGroupsAsync([.. outcome.RecentRows.Select(i => rows.Students[i])], cancellationToken);
            decision = PromotionGate.Decide(Evaluate(outcome.Model, recent, groups), Evaluate(champion, recent, groups), settings.Value.Gate);
        }

        if (decision.Promote)
        {
            await registry.PromoteAsync(run.Problem, version, championVersion is null ? "first" : "gate", "trainer", decision.Reason, cancellationToken);
            await tracking.RecordAliasAsync(run.Problem, ModelAliases.Champion, version, cancellationToken);
            await runs.ReportAsync(run.RunId, 1, $"Promoted version {version} to champion: {decision.Reason}.", cancellationToken);
        }
        else
        {
            await registry.RecordRefusalAsync(run.Problem, version, "trainer", decision.Reason, cancellationToken);
            await runs.ReportAsync(run.RunId, 1, $"Version {version} stays challenger: {decision.Reason}.", cancellationToken);
        }
    }

    private static GateEvaluation Evaluate(Ml.Serialization.ScoringModel model, Ml.Data.FeatureMatrix rows, IReadOnlyList<string> groups)
    {
        var probabilities = model.Score(rows).Select(s => (float)s.CalibratedProbability).ToArray();
        var labels = rows.RequireLabels();
        return new GateEvaluation(Ml.Metrics.RankingMetrics.AveragePrecision(labels, probabilities),
            RecallGap.Compute(groups, labels, probabilities, model.DecisionThreshold));
    }

    /// <summary>The group each row's student belongs to for the fairness check: their recorded gender, "unknown" when absent.</summary>
    private async Task<IReadOnlyList<string>> StudentGroupsAsync(string[] students, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT student_id, coalesce(gender, 'unknown') FROM students WHERE student_id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", students.Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known[reader.GetString(0)] = reader.GetString(1);
        }
        return [.. students.Select(s => known.GetValueOrDefault(s, "unknown"))];
    }
}
