namespace Burnout.Trainer.Learners.LightGbm;

/// <summary>
/// Settings for <see cref="LightGbmTrainer"/>. Defaults are LightGBM's own, except <see cref="Threads"/>.
/// </summary>
public sealed record LightGbmOptions
{
    /// <summary>The seed used when a caller names none, so that an unseeded fit is still repeatable.</summary>
    public const int DefaultSeed = 20_260_101;

    /// <summary>Boosting rounds (trees). Default 100.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Leaves per tree (LightGBM's num_leaves). Default 31.</summary>
    public int MaxLeaves { get; init; } = 31;

    /// <summary>Shrinkage applied to every leaf value. Default 0.1.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Value bins per feature (LightGBM's max_bin), 2..255 as in Burnout.Ml's trees. Default 255.</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Rows each leaf must hold (min_data_in_leaf). Default 20.</summary>
    public int MinSamplesLeaf { get; init; } = 20;

    /// <summary>
    /// Seed for LightGBM and for ML.NET's own sampling of rows to build bins (which it does above 65,536 rows).
    /// Default <see cref="DefaultSeed"/>.
    /// </summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// LightGBM's threads. The model is repeatable for a fixed thread count; a different count may change
    /// histogram sums in the last bits and so the model. Default 1.
    /// </summary>
    public int Threads { get; init; } = 1;

    internal void Validate()
    {
        Check(Iterations >= 1, nameof(Iterations), "must be ≥ 1");
        Check(MaxLeaves >= 2, nameof(MaxLeaves), "must be ≥ 2");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), "must be positive");
        Check(MaxBins is >= 2 and <= 255, nameof(MaxBins), "must be in 2..255");
        Check(MinSamplesLeaf >= 1, nameof(MinSamplesLeaf), "must be ≥ 1");
        Check(Threads >= 1, nameof(Threads), "must be ≥ 1");
    }

    private static void Check(bool ok, string name, string rule)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} {rule}.");
        }
    }
}
