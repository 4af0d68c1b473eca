using System.Runtime.InteropServices;

namespace Burnout.Ml.Trees.Growing;

/// <summary>
/// What the grower keeps per training row besides its bins, moved with the row when a leaf is
/// partitioned: the gradient and hessian, then 8 bytes whose meaning depends on
/// <see cref="GrowerSettings.UnitCounts"/>. A histogram pass turns a record into the bin lanes
/// (gradient, hessian, count, 1) with one vector conversion.
/// </summary>
/// <remarks>
/// 16 bytes, because partitions are bound by memory bandwidth: each byte here is read and written a few
/// times per tree for every row (boosting on 1M rows moves ~3.5M records per tree).
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct RowRecord
{
    [FieldOffset(0)]
    public float Gradient;

    [FieldOffset(4)]
    public float Hessian;

    /// <summary>Counted rows (the forest): how many times the row is in the tree (its bootstrap multiplicity).</summary>
    [FieldOffset(8)]
    public float Count;

    /// <summary>Unit rows (boosting): the caller's margin for the row, carried with it.</summary>
    [FieldOffset(8)]
    public float Margin;

    /// <summary>Unit rows (boosting): the row's weight, negative when its label is 0.</summary>
    [FieldOffset(12)]
    public float SignedWeight;
}
