namespace Burnout.Trainer.Datasets.Snapshots;

/// <summary>What to materialise: the daily-13 features and the burnout-onset label, over as-of days [From, To].</summary>
/// <param name="Name">A human name for the snapshot.</param>
/// <param name="Cohort">Only this cohort's students; null for every student.</param>
/// <param name="From">First as-of day.</param>
/// <param name="To">Last as-of day.</param>
/// <param name="HorizonDays">H of "burnout onset within the next H days", 14 to 21.</param>
public sealed record SnapshotRequest(string Name, string? Cohort, DateOnly From, DateOnly To, int HorizonDays = 21);

/// <summary>A stored snapshot, without its rows.</summary>
public sealed record SnapshotSummary(
    long SnapshotId,
    string Name,
    string FeatureSet,
    string Label,
    string Population,
    DateOnly From,
    DateOnly To,
    string ContentHash,
    long RowCount,
    long PositiveCount,
    IReadOnlyList<string> FeatureNames,
    System.Text.Json.JsonElement Validation,
    DateTimeOffset CreatedAt,
    bool Existing);
