namespace Burnout.Ml.Trees.Boosting;

/// <summary>
/// Settings for <see cref="GradientBoostedTreesTrainer"/>. Defaults follow scikit-learn's
/// HistGradientBoostingClassifier where it has the same knob (except <see cref="Threads"/>).
/// </summary>
public sealed record GradientBoostedTreesOptions
{
    /// <summary>Boosting rounds (trees). Default 100.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Shrinkage applied to every leaf value. Default 0.1.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Leaves per tree (trees grow best-first until this). Default 31.</summary>
    public int MaxLeaves { get; init; } = 31;

    /// <summary>Deepest leaf (root = 0); 0 means only <see cref="MaxLeaves"/> bounds the tree. Default 0.</summary>
    public int MaxDepth { get; init; }

    /// <summary>Rows each leaf must hold. Default 20.</summary>
    public int MinSamplesLeaf { get; init; } = 20;

    /// <summary>Hessian (p(1 − p) × weight summed) each leaf must hold. Default 1e-3.</summary>
    public double MinHessianLeaf { get; init; } = 1e-3;

    /// <summary>L2 penalty λ: leaf value = −G / (H + λ) × learning rate. Default 0.</summary>
    public double L2Regularization { get; init; }

    /// <summary>Smallest loss reduction for a split. Default 0.</summary>
    public double MinGainToSplit { get; init; }

    /// <summary>Value bins per numeric feature (2..255), plus one bin for missing values. Default 255.</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Fraction of rows (Bernoulli, re-drawn every round) each tree sees. Default 1.</summary>
    public double RowSubsample { get; init; } = 1;

    /// <summary>Fraction of features (drawn every round) each tree may split on. Default 1.</summary>
    public double FeatureSubsample { get; init; } = 1;

    /// <summary>Added to the hessian when ordering a categorical feature's codes. Default 10 (LightGBM's cat_smooth).</summary>
    public double CategoricalSmoothing { get; init; } = 10;

    /// <summary>Per-class weights on top of sample weights. Default <see cref="ClassWeights.None"/>.</summary>
    public ClassWeights ClassWeights { get; init; } = ClassWeights.None;

    /// <summary>
    /// With a validation set: stop when validation log-loss has not improved by <see cref="EarlyStoppingTolerance"/>
    /// for this many rounds, and keep the best round's trees. 0 disables early stopping. Default 10.
    /// </summary>
    public int EarlyStoppingRounds { get; init; } = 10;

    /// <summary>Improvement in validation log-loss that counts as progress. Default 1e-7.</summary>
    public double EarlyStoppingTolerance { get; init; } = 1e-7;

    /// <summary>Seed for binning samples and subsampling. Equal seeds and data give a bit-identical model. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Worker threads; the model does not depend on it. Default: all processors.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Told the number of rounds finished after each round, on the training thread, so a long fit can show how far
    /// it has got. Called once per tree, outside the loops over rows. Default null (no reports).
    /// </summary>
    public IProgress<int>? Progress { get; init; }

    internal void Validate()
    {
        Check(Iterations >= 1, nameof(Iterations), "must be ≥ 1");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), "must be positive");
        Check(MaxLeaves >= 2, nameof(MaxLeaves), "must be ≥ 2");
        Check(MaxDepth >= 0, nameof(MaxDepth), "must be ≥ 0");
        Check(MinSamplesLeaf >= 1, nameof(MinSamplesLeaf), "must be ≥ 1");
        Check(MinHessianLeaf >= 0, nameof(MinHessianLeaf), "must be ≥ 0");
        Check(L2Regularization >= 0, nameof(L2Regularization), "must be ≥ 0");
        Check(MaxBins is >= 2 and <= 255, nameof(MaxBins), "must be in 2..255");
        Check(RowSubsample is > 0 and <= 1, nameof(RowSubsample), "must be in (0, 1]");
        Check(FeatureSubsample is > 0 and <= 1, nameof(FeatureSubsample), "must be in (0, 1]");
        Check(EarlyStoppingRounds >= 0, nameof(EarlyStoppingRounds), "must be ≥ 0");
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
