namespace Burnout.Trainer.Tracking;

/// <summary>What one pass of the dispatcher over the outbox did.</summary>
/// <param name="Delivered">Entries MLflow accepted, now marked delivered.</param>
/// <param name="Failed">Entries given up on for a permanent error.</param>
/// <param name="BlockedBy">The transient error that stopped the pass at the first undelivered entry; null when the outbox was emptied.</param>
public sealed record OutboxPass(int Delivered, int Failed, string? BlockedBy)
{
    public static OutboxPass NotDelivering(string reason) => new(0, 0, reason);
}
