namespace Burnout.Trainer.Tracking;

/// <summary>One call waiting in the outbox, as the dispatcher reads it.</summary>
internal sealed record OutboxEntry(long EntryId, string RunKey, TrackingCall Call, int Attempts)
{
    public string Describe() => $"entry {EntryId} ({Call.GetType().Name} for '{RunKey}')";
}
