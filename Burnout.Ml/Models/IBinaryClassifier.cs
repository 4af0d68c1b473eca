using Burnout.Ml.Data;

namespace Burnout.Ml.Models;

/// <summary>A trained binary classifier: scores rows that match its schema.</summary>
public interface IBinaryClassifier
{
    FeatureSchema Schema { get; }

    /// <summary>
    /// Writes P(label = 1) for every row of <paramref name="features"/> into <paramref name="probabilities"/>.
    /// Throws <see cref="SchemaMismatchException"/> when the features' schema is not the model's.
    /// </summary>
    void PredictProbabilities(FeatureMatrix features, Span<float> probabilities);
}

/// <summary>Fits a <see cref="IBinaryClassifier"/> to labelled rows. Implementations are deterministic for a given seed.</summary>
public interface IBinaryClassifierTrainer
{
    IBinaryClassifier Fit(FeatureMatrix train, FeatureMatrix? validation = null);
}
