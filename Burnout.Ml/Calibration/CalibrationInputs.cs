namespace Burnout.Ml.Calibration;

internal static class CalibrationInputs
{
    public static void Check(ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> weights)
    {
        if (labels.Length != probabilities.Length)
        {
            throw new ArgumentException($"labels has {labels.Length} rows but probabilities has {probabilities.Length}.", nameof(probabilities));
        }

        if (!weights.IsEmpty && weights.Length != labels.Length)
        {
            throw new ArgumentException($"weights has {weights.Length} rows but labels has {labels.Length}.", nameof(weights));
        }

        if (labels.IsEmpty)
        {
            throw new ArgumentException("A calibrator needs at least one row.", nameof(labels));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0f or 1f))
            {
                throw new ArgumentException($"Label {i} is {labels[i]}; labels must be 0 or 1.", nameof(labels));
            }

            if (!(probabilities[i] is >= 0f and <= 1f))
            {
                throw new ArgumentException($"Probability {i} is {probabilities[i]}; probabilities lie in [0, 1].", nameof(probabilities));
            }

            if (!weights.IsEmpty && (weights[i] < 0 || !float.IsFinite(weights[i])))
            {
                throw new ArgumentException($"Weight {i} is {weights[i]}; weights must be finite and non-negative.", nameof(weights));
            }
        }
    }
}
