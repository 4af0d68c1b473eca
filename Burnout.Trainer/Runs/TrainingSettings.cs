using Burnout.Trainer.Registry;
using Burnout.Trainer.Training;

namespace Burnout.Trainer.Runs;

/// <summary>The <c>Training</c> configuration section.</summary>
public sealed class TrainingSettings
{
    public const string Section = "Training";

    public TrainingOptions Pipeline { get; set; } = new();

    public PromotionGateOptions Gate { get; set; } = new();

    /// <summary>How often a new run is queued for each trainable problem; zero or less turns the schedule off. Default 1 day.</summary>
    public TimeSpan RetrainEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>What the trainer does on an empty database so that a developer gets a champion without lifting a finger.</summary>
    public FirstStartSettings FirstStart { get; set; } = new();
}

public sealed class FirstStartSettings
{
    public bool Enabled { get; set; } = true;

    public int Students { get; set; } = 600;

    public int Days { get; set; } = 180;

    /// <summary>The cohort's seed; benchmarks measure lead time on cohorts of other seeds.</summary>
    public long Seed { get; set; } = 20261201;
}
