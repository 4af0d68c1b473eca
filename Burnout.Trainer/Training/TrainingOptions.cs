namespace Burnout.Trainer.Training;

/// <summary>How a training run splits, tunes and calibrates. The defaults are what the trainer uses.</summary>
public sealed record TrainingOptions
{
    /// <summary>Drives the student splits, the folds, the sampled hyperparameters and the learners. Default 17.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Share of the students kept out of training, for the held-out and later-window evaluations. Default 0.2.</summary>
    public double HeldOutStudents { get; init; } = 0.2;

    /// <summary>Share of the training students whose rows fit the calibration and choose the threshold. Default 0.2.</summary>
    public double CalibrationStudents { get; init; } = 0.2;

    /// <summary>The last share of the date range, evaluated separately as the "later window". Default 0.2.</summary>
    public double LaterWindow { get; init; } = 0.2;

    /// <summary>Hyperparameter candidates per learner, tuned by successive halving. Default 6.</summary>
    public int SearchCandidates { get; init; } = 6;

    /// <summary>Grouped cross-validation folds of the search. Default 3.</summary>
    public int SearchFolds { get; init; } = 3;

    /// <summary>Target recall of the threshold where "medium" risk starts. Default 0.9.</summary>
    public double MediumBandRecall { get; init; } = 0.9;
}
