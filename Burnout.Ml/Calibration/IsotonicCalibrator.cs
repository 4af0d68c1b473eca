namespace Burnout.Ml.Calibration;

/// <summary>
/// Isotonic regression calibration, as scikit-learn's <c>IsotonicRegression(out_of_bounds="clip")</c>: rows with equal
/// input are merged (weighted mean label), the pool-adjacent-violators algorithm makes the labels non-decreasing in
/// the input, and prediction interpolates linearly between the fitted points, clamping outside their range.
/// </summary>
public sealed class IsotonicCalibrator : IProbabilityCalibrator
{
    private readonly double[] _inputs;
    private readonly double[] _outputs;

    /// <param name="inputs">Strictly increasing input knots.</param>
    /// <param name="outputs">Non-decreasing calibrated values in [0, 1], one per knot.</param>
    public IsotonicCalibrator(IReadOnlyList<double> inputs, IReadOnlyList<double> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (inputs.Count == 0 || inputs.Count != outputs.Count)
        {
            throw new ArgumentException("An isotonic calibrator needs as many outputs as inputs, and at least one of each.");
        }

        for (var k = 0; k < inputs.Count; k++)
        {
            if (!double.IsFinite(inputs[k]) || !(outputs[k] is >= 0 and <= 1)
                || (k > 0 && (inputs[k] <= inputs[k - 1] || outputs[k] < outputs[k - 1])))
            {
                throw new ArgumentException("Inputs must increase strictly and outputs must be non-decreasing probabilities.");
            }
        }

        _inputs = inputs.ToArray();
        _outputs = outputs.ToArray();
    }

    public string Kind => "isotonic";

    public IReadOnlyList<double> Inputs => _inputs;

    public IReadOnlyList<double> Outputs => _outputs;

    public double Calibrate(double probability)
    {
        if (double.IsNaN(probability))
        {
            return double.NaN;
        }

        if (probability <= _inputs[0])
        {
            return _outputs[0];
        }

        if (probability >= _inputs[^1])
        {
            return _outputs[^1];
        }

        var hi = Array.BinarySearch(_inputs, probability);
        if (hi >= 0)
        {
            return _outputs[hi];
        }

        hi = ~hi;
        var lo = hi - 1;
        var t = (probability - _inputs[lo]) / (_inputs[hi] - _inputs[lo]);
        return _outputs[lo] + (t * (_outputs[hi] - _outputs[lo]));
    }

    public static IsotonicCalibrator Fit(ReadOnlySpan<float> labels, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> weights = default)
    {
        CalibrationInputs.Check(labels, probabilities, weights);
        var keys = probabilities.ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, order);

        // Merge equal inputs into one point with the weighted mean label; zero-weight rows carry no information.
        var x = new List<double>();
        var y = new List<double>();
        var w = new List<double>();
        for (var k = 0; k < order.Length; k++)
        {
            var row = order[k];
            var weight = weights.IsEmpty ? 1.0 : weights[row];
            if (weight == 0)
            {
                continue;
            }

            if (x.Count > 0 && x[^1] == keys[k])
            {
                y[^1] += weight * labels[row];
                w[^1] += weight;
            }
            else
            {
                x.Add(keys[k]);
                y.Add(weight * labels[row]);
                w.Add(weight);
            }
        }

        if (x.Count == 0)
        {
            throw new ArgumentException("Every calibration row has weight 0.", nameof(weights));
        }

        // Pool adjacent violators over blocks [start, end] with their weighted means.
        var blockStart = new List<int>();
        var blockMean = new List<double>();
        var blockWeight = new List<double>();
        for (var k = 0; k < x.Count; k++)
        {
            blockStart.Add(k);
            blockMean.Add(y[k] / w[k]);
            blockWeight.Add(w[k]);
            while (blockMean.Count > 1 && blockMean[^2] > blockMean[^1])
            {
                var total = blockWeight[^2] + blockWeight[^1];
                var mean = ((blockMean[^2] * blockWeight[^2]) + (blockMean[^1] * blockWeight[^1])) / total;
                blockMean.RemoveAt(blockMean.Count - 1);
                blockWeight.RemoveAt(blockWeight.Count - 1);
                blockStart.RemoveAt(blockStart.Count - 1);
                blockMean[^1] = mean;
                blockWeight[^1] = total;
            }
        }

        // Keep the first and last input of each block: enough to reproduce the step function with interpolation between blocks.
        var inputs = new List<double>();
        var outputs = new List<double>();
        for (var b = 0; b < blockStart.Count; b++)
        {
            var first = blockStart[b];
            var last = b + 1 < blockStart.Count ? blockStart[b + 1] - 1 : x.Count - 1;
            var value = Math.Clamp(blockMean[b], 0, 1);
            inputs.Add(x[first]);
            outputs.Add(value);
            if (last != first)
            {
                inputs.Add(x[last]);
                outputs.Add(value);
            }
        }

        return new IsotonicCalibrator(inputs, outputs);
    }
}
