namespace Burnout.Trainer.Runs;

/// <summary>The prediction problems the trainer can train, by their keys in the API and the registry.</summary>
public static class TrainingProblems
{
    /// <summary>daily-13 features, "burnout onset within H days" label, from dataset snapshots of the stored activity.</summary>
    public const string BurnoutDaily = "burnout-daily";

    public static IReadOnlyList<string> Trainable { get; } = [BurnoutDaily];
}
