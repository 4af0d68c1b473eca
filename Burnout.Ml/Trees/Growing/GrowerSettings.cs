namespace Burnout.Ml.Trees.Growing;

/// <summary>The limits and regularisation one tree is grown under (shared by boosting and the forest).</summary>
internal sealed record GrowerSettings
{
    /// <summary>Stop splitting when the tree has this many leaves.</summary>
    public int MaxLeaves { get; init; } = 31;

    /// <summary>Deepest allowed leaf (root = depth 0); 0 means unlimited.</summary>
    public int MaxDepth { get; init; }

    /// <summary>Each child must hold at least this many (weighted-by-multiplicity) rows.</summary>
    public double MinSamplesLeaf { get; init; } = 20;

    /// <summary>Each child must hold at least this much hessian.</summary>
    public double MinHessianLeaf { get; init; } = 1e-3;

    /// <summary>L2 penalty λ on leaf values: value = −G / (H + λ).</summary>
    public double L2 { get; init; }

    /// <summary>A split is taken only when its gain exceeds this.</summary>
    public double MinGainToSplit { get; init; }

    /// <summary>Added to the hessian when ordering categories by gradient / hessian.</summary>
    public double CategoricalSmoothing { get; init; } = 10;

    /// <summary>Features examined at each split (random subset); 0 means all of the tree's features.</summary>
    public int FeaturesPerSplit { get; init; }

    /// <summary>Factor applied to −G / (H + λ) (the learning rate for boosting, 1 for a forest).</summary>
    public double LeafScale { get; init; } = 1;

    public int Threads { get; init; } = 1;

    /// <summary>
    /// Every row in a tree counts once, and <see cref="RowRecord.Margin"/> and <see cref="RowRecord.SignedWeight"/>
    /// belong to the caller. Otherwise rows count <see cref="RowRecord.Count"/> times.
    /// </summary>
    public bool UnitCounts { get; init; }

    /// <summary>
    /// Whether the grower keeps each position's row index (<see cref="TreeGrower.RowAt"/>). Without it a
    /// partition moves 4 bytes less per row; boosting needs it only for row subsampling.
    /// </summary>
    public bool TracksRows { get; init; } = true;
}
