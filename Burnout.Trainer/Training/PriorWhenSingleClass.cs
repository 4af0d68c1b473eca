using Burnout.Ml.Data;
using Burnout.Ml.Models;

namespace Burnout.Trainer.Training;

/// <summary>
/// Successive halving trains its first rung on a small share of the students, which can hold no burnout at all.
/// LightGBM refuses such data; this trains the learner when both classes are there and otherwise predicts the
/// training rate (what any learner would converge to), so that the trial is scored, and ranked low, instead of
/// failing the run. Final models are always fitted on data with both classes (see <see cref="TrainingPipeline"/>).
/// </summary>
internal sealed class PriorWhenSingleClass(IBinaryClassifierTrainer inner) : IBinaryClassifierTrainer
{
    public IBinaryClassifier Fit(FeatureMatrix train, FeatureMatrix? validation = null)
    {
        var labels = train.RequireLabels();
        return labels.Contains(1f) && labels.Contains(0f)
            ? inner.Fit(train, validation)
            : new Prior(train.Schema, labels.Length == 0 ? 0.5f : labels.Average());
    }

    private sealed class Prior(FeatureSchema schema, float rate) : IBinaryClassifier
    {
        public FeatureSchema Schema { get; } = schema;

        public void PredictProbabilities(FeatureMatrix features, Span<float> probabilities)
        {
            Schema.EnsureCompatible(features.Schema);
            probabilities[..features.Rows].Fill(rate);
        }
    }
}
