using Burnout.Ml.Calibration;
using Burnout.Ml.Data;
using Burnout.Ml.Models;

namespace Burnout.Ml.Serialization;

/// <summary>One scored row: the model's probability, the calibrated one, the decision and the risk band.</summary>
public readonly record struct RiskScore(double Probability, double CalibratedProbability, bool Flagged, RiskBand Band);

/// <summary>
/// What a service loads: a classifier with its schema, an optional calibrator, the decision threshold and the risk
/// bands (both on the calibrated probability). Scoring refuses rows that do not match the schema, naming the feature.
/// </summary>
public sealed class ScoringModel
{
    public ScoringModel(IBinaryClassifier classifier, IProbabilityCalibrator? calibrator, double decisionThreshold, RiskBands? bands)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        if (!(decisionThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decisionThreshold), decisionThreshold, "The decision threshold is a probability.");
        }

        Classifier = classifier;
        Calibrator = calibrator;
        DecisionThreshold = decisionThreshold;
        Bands = bands ?? new RiskBands(decisionThreshold, decisionThreshold);
    }

    public IBinaryClassifier Classifier { get; }

    public IProbabilityCalibrator? Calibrator { get; }

    /// <summary>Flag a row when its calibrated probability is at least this.</summary>
    public double DecisionThreshold { get; }

    /// <summary>Risk bands on the calibrated probability; without explicit bands, low below the threshold and high from it.</summary>
    public RiskBands Bands { get; }

    public FeatureSchema Schema => Classifier.Schema;

    /// <summary>Scores every row; throws <see cref="SchemaMismatchException"/> when the matrix's schema is not the model's.</summary>
    public RiskScore[] Score(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Schema.EnsureCompatible(features.Schema);
        var probabilities = new float[features.Rows];
        Classifier.PredictProbabilities(features, probabilities);
        var scores = new RiskScore[features.Rows];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = Score(probabilities[i]);
        }

        return scores;
    }

    /// <summary>Scores one row given by feature name; every schema feature must be present and no other.</summary>
    public RiskScore Score(IReadOnlyDictionary<string, float> features)
    {
        var row = ToRow(features);
        return Score(new FeatureMatrix(Schema, row, 1))[0];
    }

    /// <summary>
    /// Lays out named values in schema order. A name the schema does not know, or a schema feature with no value,
    /// is a <see cref="SchemaMismatchException"/> naming that feature.
    /// </summary>
    public float[] ToRow(IReadOnlyDictionary<string, float> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var name in features.Keys)
        {
            if (Schema.IndexOf(name) < 0)
            {
                throw new SchemaMismatchException(name, $"feature '{name}' is not part of the model's schema");
            }
        }

        var row = new float[Schema.Count];
        for (var j = 0; j < row.Length; j++)
        {
            var name = Schema[j].Name;
            if (!features.TryGetValue(name, out row[j]))
            {
                throw new SchemaMismatchException(name, $"feature '{name}' is missing");
            }
        }

        return row;
    }

    private RiskScore Score(float probability)
    {
        var calibrated = Calibrator?.Calibrate(probability) ?? probability;
        return new RiskScore(probability, calibrated, calibrated >= DecisionThreshold, Bands.Classify(calibrated));
    }
}
