using Burnout.Ml.Metrics;

namespace Burnout.Trainer.Training;

/// <summary>One row of a run's comparison table: a tuned, calibrated learner and how it did.</summary>
/// <param name="SearchPrAuc">Mean PR-AUC over the grouped folds of the search, for the chosen hyperparameters.</param>
/// <param name="HeldOut">Held-out students, days up to the cutoff; null when those rows hold a single class.</param>
/// <param name="LaterWindow">Held-out students, days after the cutoff; null when those rows hold a single class.</param>
public sealed record CandidateResult(
    string Learner,
    IReadOnlyDictionary<string, object> Parameters,
    double SearchPrAuc,
    double Threshold,
    BinaryClassificationReport? HeldOut,
    BinaryClassificationReport? LaterWindow,
    double TrainSeconds)
{
    /// <summary>What candidates are ranked by: PR-AUC on the held-out students (missing counts as worst).</summary>
    public double RankingScore => HeldOut?.PrAuc ?? double.NegativeInfinity;
}
