using System.Runtime.InteropServices;

namespace Burnout.Ml.Trees.Growing;

/// <summary>
/// What the grower keeps per training row besides its bins, moved with the row when a leaf is
/// partitioned. The first 16 bytes are the (gradient, hessian, count, rows) a histogram pass adds to a
/// bin in one vector; the rest is the caller's per-row state (boosting keeps its margin, label and weight
/// here, so computing gradients and updating margins are sequential passes instead of gathers).
/// </summary>
/// <remarks>32 bytes, so a record is one 256-bit load and two records share no cache line half.</remarks>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct RowRecord
{
    public float Gradient;
    public float Hessian;

    /// <summary>How many times the row counts in the next tree; 0 leaves it out.</summary>
    public float Count;

    /// <summary>1 if the row is in the next tree, else 0: histograms count rows with it.</summary>
    public float Rows;

    public double Margin;
    public float Label;
    public float Weight;
}
