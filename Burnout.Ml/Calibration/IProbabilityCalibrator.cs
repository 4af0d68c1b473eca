namespace Burnout.Ml.Calibration;

/// <summary>Maps a classifier's probability to a calibrated probability. Monotone non-decreasing; thread-safe.</summary>
public interface IProbabilityCalibrator
{
    /// <summary>The calibrator's kind as written in model files: "platt" or "isotonic".</summary>
    string Kind { get; }

    double Calibrate(double probability);
}

/// <summary>Span helpers for calibrators.</summary>
public static class ProbabilityCalibratorExtensions
{
    public static void Calibrate(this IProbabilityCalibrator calibrator, ReadOnlySpan<float> probabilities, Span<float> calibrated)
    {
        ArgumentNullException.ThrowIfNull(calibrator);
        if (calibrated.Length != probabilities.Length)
        {
            throw new ArgumentException($"calibrated has {calibrated.Length} entries for {probabilities.Length} probabilities.", nameof(calibrated));
        }

        for (var i = 0; i < probabilities.Length; i++)
        {
            calibrated[i] = (float)calibrator.Calibrate(probabilities[i]);
        }
    }
}
