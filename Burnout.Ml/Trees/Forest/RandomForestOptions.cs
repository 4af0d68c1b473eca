namespace Burnout.Ml.Trees.Forest;

/// <summary>Settings for <see cref="RandomForestTrainer"/>. Defaults follow scikit-learn's RandomForestClassifier.</summary>
public sealed record RandomForestOptions
{
    /// <summary>Trees in the forest. Default 100.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>
    /// Features drawn at each split, as a fraction of all features; 0 means √(features) (scikit-learn's "sqrt").
    /// Default 0.
    /// </summary>
    public double FeatureFractionPerSplit { get; init; }

    /// <summary>Deepest leaf (root = 0); 0 means grow until leaves are pure or too small. Default 0.</summary>
    public int MaxDepth { get; init; }

    /// <summary>Leaves per tree; 0 means unlimited. Default 0.</summary>
    public int MaxLeaves { get; init; }

    /// <summary>Bootstrap rows each leaf must hold (counting repeats). Default 1.</summary>
    public int MinSamplesLeaf { get; init; } = 1;

    /// <summary>Value bins per numeric feature (2..255) for the histogram splitter. Default 255.</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Draw each tree's rows with replacement (and report an out-of-bag score). Default true.</summary>
    public bool Bootstrap { get; init; } = true;

    /// <summary>Per-class weights on top of sample weights. Default <see cref="ClassWeights.None"/>.</summary>
    public ClassWeights ClassWeights { get; init; } = ClassWeights.None;

    /// <summary>Added to the hessian (row weight) when ordering a categorical feature's codes. Default 10.</summary>
    public double CategoricalSmoothing { get; init; } = 10;

    /// <summary>Seed; tree t uses a stream derived from (seed, t), so the forest is the same for any thread count. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Trees grown at once. Default: all processors.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Told the number of trees finished each time one is, from whichever worker grew it (so reports can come from
    /// several threads, and their counts are increasing but may arrive out of order). Default null (no reports).
    /// </summary>
    public IProgress<int>? Progress { get; init; }

    internal void Validate()
    {
        if (Trees < 1 || FeatureFractionPerSplit is < 0 or > 1 || MaxDepth < 0 || MaxLeaves < 0 || MaxLeaves == 1
            || MinSamplesLeaf < 1 || MaxBins is < 2 or > 255 || Threads < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(RandomForestOptions),
                "Trees ≥ 1, FeatureFractionPerSplit in [0, 1], MaxDepth ≥ 0, MaxLeaves 0 or ≥ 2, MinSamplesLeaf ≥ 1, MaxBins in 2..255, Threads ≥ 1.");
        }
    }
}
