namespace Burnout.Trainer.Tracking;

/// <summary>An entry that can never be delivered as it is, for a reason of ours rather than MLflow's (say, its run never started).</summary>
internal sealed class OutboxDeliveryException(string message) : Exception(message);
