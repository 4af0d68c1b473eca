namespace Burnout.Trainer.Tracking;

/// <param name="Pending">Calls not yet delivered to MLflow.</param>
/// <param name="OldestAgeSeconds">How long the oldest of them has waited; null when none waits.</param>
/// <param name="LastError">The latest error of a call still pending or given up on; null when there is none.</param>
public sealed record OutboxStatus(int Pending, double? OldestAgeSeconds, string? LastError);
