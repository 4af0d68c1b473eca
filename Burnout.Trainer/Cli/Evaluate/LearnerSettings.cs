namespace Burnout.Trainer.Cli.Evaluate;

/// <summary>The hyperparameters <c>evaluate</c> lets a user set; null keeps the learner's documented default.</summary>
/// <param name="Iterations">Boosting rounds (gbdt, lightgbm).</param>
/// <param name="Leaves">Leaves per tree (gbdt, lightgbm).</param>
/// <param name="LearningRate">Shrinkage (gbdt, lightgbm).</param>
/// <param name="MaxBins">Value bins per feature (gbdt, lightgbm).</param>
/// <param name="Trees">Trees in the forest (forest).</param>
internal sealed record LearnerSettings(
    int? Iterations = null,
    int? Leaves = null,
    double? LearningRate = null,
    int? MaxBins = null,
    int? Trees = null)
{
    /// <summary>The options given, by their command-line names, so a learner can refuse the ones it has no use for.</summary>
    public IEnumerable<string> Given()
    {
        if (Iterations is not null)
        {
            yield return "--iterations";
        }

        if (Leaves is not null)
        {
            yield return "--leaves";
        }

        if (LearningRate is not null)
        {
            yield return "--learning-rate";
        }

        if (MaxBins is not null)
        {
            yield return "--max-bins";
        }

        if (Trees is not null)
        {
            yield return "--trees";
        }
    }
}
