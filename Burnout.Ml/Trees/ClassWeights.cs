namespace Burnout.Ml.Trees;

/// <summary>
/// Per-class multipliers applied on top of sample weights. <see cref="Balanced"/> weighs each class by
/// n / (2 × n_class) (scikit-learn's "balanced"), so both classes carry equal total weight.
/// </summary>
public sealed record ClassWeights
{
    private ClassWeights(double negative, double positive, bool balanced)
    {
        Negative = negative;
        Positive = positive;
        IsBalanced = balanced;
    }

    /// <summary>Weight of label 0 rows (ignored when <see cref="IsBalanced"/>).</summary>
    public double Negative { get; }

    /// <summary>Weight of label 1 rows (ignored when <see cref="IsBalanced"/>).</summary>
    public double Positive { get; }

    public bool IsBalanced { get; }

    /// <summary>Every row keeps its sample weight.</summary>
    public static ClassWeights None { get; } = new(1, 1, false);

    /// <summary>Weights inversely proportional to class frequency in the training data.</summary>
    public static ClassWeights Balanced { get; } = new(1, 1, true);

    public static ClassWeights Explicit(double negative, double positive)
    {
        if (!(negative > 0) || !(positive > 0) || double.IsInfinity(negative) || double.IsInfinity(positive))
        {
            throw new ArgumentOutOfRangeException(nameof(negative), "Class weights must be finite and positive.");
        }

        return new ClassWeights(negative, positive, false);
    }

    /// <summary>Per-row weights: sample weight (or 1) × class weight.</summary>
    internal double[] RowWeights(float[] labels, float[]? sampleWeights)
    {
        var negative = Negative;
        var positive = Positive;
        if (IsBalanced)
        {
            double n0 = 0, n1 = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                var w = sampleWeights?[i] ?? 1f;
                if (labels[i] > 0.5f)
                {
                    n1 += w;
                }
                else
                {
                    n0 += w;
                }
            }

            negative = n0 > 0 ? (n0 + n1) / (2 * n0) : 1;
            positive = n1 > 0 ? (n0 + n1) / (2 * n1) : 1;
        }

        var weights = new double[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            weights[i] = (sampleWeights?[i] ?? 1f) * (labels[i] > 0.5f ? positive : negative);
        }

        return weights;
    }
}
