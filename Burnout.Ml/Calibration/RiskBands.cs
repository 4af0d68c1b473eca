namespace Burnout.Ml.Calibration;

/// <summary>The risk category shown for a student.</summary>
public enum RiskBand
{
    Low,
    Medium,
    High,
}

/// <summary>
/// Cut points on the calibrated probability: below <see cref="MediumFrom"/> is low, from it up to (not including)
/// <see cref="HighFrom"/> is medium, and from <see cref="HighFrom"/> up is high. Typically derived from chosen
/// thresholds, e.g. medium from the threshold that reaches 80 % recall and high from the maximum-F1 threshold.
/// </summary>
public sealed record RiskBands
{
    public RiskBands(double mediumFrom, double highFrom)
    {
        if (!(mediumFrom is >= 0 and <= 1) || !(highFrom is >= 0 and <= 1) || mediumFrom > highFrom)
        {
            throw new ArgumentException($"Risk band cut points must satisfy 0 ≤ medium ({mediumFrom}) ≤ high ({highFrom}) ≤ 1.");
        }

        MediumFrom = mediumFrom;
        HighFrom = highFrom;
    }

    public double MediumFrom { get; }

    public double HighFrom { get; }

    /// <summary>Bands from two thresholds in either order: the lower starts medium, the higher starts high.</summary>
    public static RiskBands FromThresholds(double first, double second) => new(Math.Min(first, second), Math.Max(first, second));

    public RiskBand Classify(double probability) =>
        probability >= HighFrom ? RiskBand.High : probability >= MediumFrom ? RiskBand.Medium : RiskBand.Low;
}
