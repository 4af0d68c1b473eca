using System.Text.Json;

namespace Burnout.Trainer.Registry;

/// <summary>A registered model version as the registry lists it; the model itself is read separately (<see cref="ModelRegistry.ReadModelAsync"/>).</summary>
public sealed record ModelVersion(
    string Problem,
    int Version,
    long RunId,
    string Learner,
    string SnapshotHash,
    JsonElement Metrics,
    IReadOnlyList<string> Aliases,
    DateTimeOffset CreatedAt);

/// <summary>One decision about a champion, kept forever.</summary>
public sealed record PromotionRecord(
    long PromotionId,
    string Problem,
    int? FromVersion,
    int ToVersion,
    string Kind,
    bool Accepted,
    string Actor,
    string Reason,
    DateTimeOffset DecidedAt);
