using System.Runtime.CompilerServices;

namespace Burnout.Ml.Trees.Growing;

/// <summary>A set of bins (0..255) as a 256-bit bitset: the bins a categorical split sends left.</summary>
[InlineArray(4)]
internal struct BinSet
{
    private ulong _word;

    public readonly bool Contains(int bin) => (this[bin >> 6] & (1UL << (bin & 63))) != 0;

    public void Add(int bin) => this[bin >> 6] |= 1UL << (bin & 63);
}

/// <summary>The best split found for a leaf, in bin space, with the left child's sums.</summary>
internal struct SplitInfo
{
    public int Feature;
    public double Gain;

    /// <summary>Numeric splits: value bins ≤ this go left.</summary>
    public int ThresholdBin;

    /// <summary>Numeric splits: where the missing bin goes. Categorical splits: whether the missing bin is in <see cref="LeftBins"/>.</summary>
    public bool DefaultLeft;

    public bool IsCategorical;

    /// <summary>Categorical splits: the bins sent left (possibly including the missing bin).</summary>
    public BinSet LeftBins;

    public double LeftGradient;
    public double LeftHessian;
    public double LeftCount;

    /// <summary>How many of the leaf's rows go left (differs from <see cref="LeftCount"/> when rows carry multiplicities).</summary>
    public double LeftRows;

    public static SplitInfo None => new() { Feature = -1, Gain = double.NegativeInfinity };

    public readonly bool IsValid => Feature >= 0;
}
