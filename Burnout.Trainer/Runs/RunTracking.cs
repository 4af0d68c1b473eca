using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Burnout.Ml.Serialization;
using Burnout.Trainer.Datasets.Snapshots;
using Burnout.Trainer.Registry;
using Burnout.Trainer.Tracking;
using Burnout.Trainer.Training;

namespace Burnout.Trainer.Runs;

/// <summary>
/// What MLflow should show of a training run, written to the outbox: one experiment per problem, the run with its
/// params, metrics and tags (the git commit and the snapshot among them), the snapshot as its dataset input, the
/// model, metrics and candidate table as artifacts, and the registered version with its alias.
/// </summary>
public sealed class RunTracking(TrackingOutbox outbox, TimeProvider clock)
{
    /// <summary>The outbox key of a training run; the tracking_runs table maps it to MLflow's run id.</summary>
    public static string RunKey(long runId) => $"training-run-{runId}";

    public static string RegistryKey(string problem) => $"registry-{problem}";

    public Task RecordRunAsync(ClaimedRun run, SnapshotSummary snapshot, TrainingOutcome outcome, int version, JsonElement metrics, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var calls = new List<TrackingCall>
        {
            new StartRun(run.Problem, $"run-{run.RunId}", startedAt, new Dictionary<string, string>
            {
                ["mlflow.source.git.commit"] = GitCommit,
                ["burnout.problem"] = run.Problem,
                ["burnout.run_id"] = run.RunId.ToString(CultureInfo.InvariantCulture),
                ["burnout.snapshot_id"] = snapshot.SnapshotId.ToString(CultureInfo.InvariantCulture),
                ["burnout.snapshot_sha256"] = snapshot.ContentHash,
                ["burnout.best_learner"] = outcome.Best.Learner,
            }),
            new LogDatasetInput(snapshot.Name, snapshot.ContentHash, "postgres", $"burnoutdb:dataset_snapshots/{snapshot.SnapshotId}",
                JsonSerializer.Serialize(new { mlflow_colspec = snapshot.FeatureNames.Select(name => new { name, type = "float" }) }),
                null, "training"),
            new LogBatch(Metrics(outcome, now), Params(run, outcome), new Dictionary<string, string>()),
            new UploadArtifact("model/model.json", Encoding.UTF8.GetBytes(ModelSerializer.Serialize(outcome.Model))),
            new UploadArtifact("metrics.json", JsonSerializer.SerializeToUtf8Bytes(metrics)),
            new UploadArtifact("candidates.json", JsonSerializer.SerializeToUtf8Bytes(outcome.Candidates, SnapshotJson.Options)),
            new FinishRun(true, now),
            new RegisterModelVersion(ModelName(run.Problem), "model", version),
            new SetModelAlias(ModelName(run.Problem), ModelAliases.Challenger, version),
        };
        return outbox.EnqueueAsync(RunKey(run.RunId), calls, cancellationToken);
    }

    /// <summary>Mirrors an alias change of the registry (a promotion, a rollback) to MLflow.</summary>
    public Task RecordAliasAsync(string problem, string alias, int version, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(RegistryKey(problem), [new SetModelAlias(ModelName(problem), alias, version)], cancellationToken);

    /// <summary>The registered model's name in MLflow: the problem's key, which is already a valid MLflow name.</summary>
    public static string ModelName(string problem) => problem;

    private static IReadOnlyList<TrackedMetric> Metrics(TrainingOutcome outcome, DateTimeOffset at)
    {
        var metrics = new List<TrackedMetric>();
        void Add(string key, double? value, long step = 0)
        {
            if (value is { } v && double.IsFinite(v))
            {
                metrics.Add(new TrackedMetric(key, v, at, step));
            }
        }

        foreach (var (prefix, report) in new[] { ("held_out", outcome.Best.HeldOut), ("later_window", outcome.Best.LaterWindow) })
        {
            Add($"{prefix}_pr_auc", report?.PrAuc);
            Add($"{prefix}_roc_auc", report?.Auc);
            Add($"{prefix}_precision", report?.Precision);
            Add($"{prefix}_recall", report?.Recall);
            Add($"{prefix}_brier", report?.Brier);
            Add($"{prefix}_ece", report?.ExpectedCalibrationError);
        }
        Add("threshold", outcome.Model.DecisionThreshold);
        Add("lead_time_flagged_14_28d", outcome.LeadTime.FlaggedInWindow);
        Add("lead_time_false_alarm_rate", outcome.LeadTime.FalseAlarmRate);
        // The lead-time curve, one step per day before onset, so MLflow draws it.
        for (var d = 0; d < outcome.LeadTime.FlaggedByDaysBefore.Count; d++)
        {
            Add("lead_time_flagged_on_day_before_onset", outcome.LeadTime.FlaggedByDaysBefore[d], d + 1);
        }
        foreach (var candidate in outcome.Candidates)
        {
            Add($"candidate_{candidate.Learner}_held_out_pr_auc", candidate.HeldOut?.PrAuc);
            Add($"candidate_{candidate.Learner}_search_pr_auc", candidate.SearchPrAuc);
        }
        return metrics;
    }

    private static Dictionary<string, string> Params(ClaimedRun run, TrainingOutcome outcome)
    {
        var parameters = new Dictionary<string, string>
        {
            ["learner"] = outcome.Best.Learner,
            ["candidates"] = string.Join(",", run.Candidates),
            ["cutoff"] = outcome.Cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["rows_training"] = outcome.TrainingRows.ToString(CultureInfo.InvariantCulture),
            ["rows_held_out"] = outcome.HeldOutRows.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in outcome.Best.Parameters)
        {
            parameters[$"hp_{name}"] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
        return parameters;
    }

    /// <summary>The commit this trainer was built from, which the SDK writes after '+' in the informational version.</summary>
    private static string GitCommit { get; } =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+') is [_, var commit, ..]
            ? commit
            : "unknown";
}
