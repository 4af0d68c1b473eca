using Burnout.Ml.Data;
using Burnout.Ml.Models;
using Burnout.Ml.Trees.Boosting;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Burnout.Trainer.Learners.LightGbm;

/// <summary>
/// A candidate learner: ML.NET's LightGBM binary classifier, trained on a <see cref="FeatureMatrix"/> (NaN = missing)
/// and imported into a Burnout.Ml <see cref="GradientBoostedTreesModel"/> (<see cref="LightGbmImporter"/>).
/// </summary>
/// <remarks>
/// <para>Determinism, measured with ML.NET 5.0.1 and LightGBM 4.6 on this machine: with an explicit seed, one
/// thread and LightGBM's <c>deterministic</c> mode, fits of 3,000 rows gave bit-identical trees every time, whether
/// or not an ML.NET cache had been made first. Above 65,536 rows it is different: ML.NET then picks the rows it
/// builds LightGBM's bins from with its own random stream (the MLContext's, not LightGBM's seed), and that stream
/// moves on with every component the context creates. On 80,000 rows, two fits on one MLContext with the same seed
/// gave different trees, and so did a fresh MLContext on which a cache had been made first; only a fresh MLContext
/// with the same seed that made nothing else repeated the model exactly. So every fit here makes its own MLContext,
/// seeded from <see cref="LightGbmOptions.Seed"/>, and creates only the data view and the trainer in it.</para>
/// <para>Categorical features are refused: ML.NET hands LightGBM categorical features only as annotated one-hot
/// slot ranges, not as the category codes Burnout.Ml uses.</para>
/// </remarks>
public sealed class LightGbmTrainer(LightGbmOptions? options = null) : IBinaryClassifierTrainer
{
    public LightGbmOptions Options { get; } = options ?? new LightGbmOptions();

    /// <summary>Trains on <paramref name="train"/>. LightGBM in ML.NET has no early stopping without a validation view; <paramref name="validation"/> is not used.</summary>
    public IBinaryClassifier Fit(FeatureMatrix train, FeatureMatrix? validation = null) => Train(train);

    /// <summary>Trains and imports; the training rows also give the node covers.</summary>
    public GradientBoostedTreesModel Train(FeatureMatrix train) => LightGbmImporter.Import(TrainMlNet(train).Model, train.Schema, train);

    /// <summary>ML.NET's own fitted transformer, before import (to compare predictions with).</summary>
    internal BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> TrainMlNet(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var o = Options;
        o.Validate();
        var labels = train.RequireLabels();
        if (labels.Any(label => label is not (0f or 1f)) || !labels.Contains(0f) || !labels.Contains(1f))
        {
            throw new ArgumentException("LightGBM needs labels that are 0 or 1, with rows of both classes.", nameof(train));
        }

        foreach (var feature in train.Schema.Features)
        {
            if (feature.Kind == FeatureKind.Categorical)
            {
                throw new ArgumentException($"Categorical feature '{feature.Name}': the LightGBM learner takes numeric features only.", nameof(train));
            }
        }

        var ml = new MLContext(seed: o.Seed);
        var data = FeatureMatrixDataView.Create(ml, train);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = FeatureMatrixDataView.Label,
            FeatureColumnName = FeatureMatrixDataView.Features,
            ExampleWeightColumnName = train.Weights is null ? null : FeatureMatrixDataView.Weight,
            NumberOfIterations = o.Iterations,
            NumberOfLeaves = o.MaxLeaves,
            LearningRate = o.LearningRate,
            MaximumBinCountPerFeature = o.MaxBins,
            MinimumExampleCountPerLeaf = o.MinSamplesLeaf,
            Seed = o.Seed,
            NumberOfThreads = o.Threads,
            Deterministic = true,
            ForceRowWise = true,

            // NaN is the missing value; a zero is a zero (LightGBM's MissingType NaN or None, never Zero).
            HandleMissingValue = true,
            UseZeroAsMissingValue = false,
            Silent = true,
            Verbose = false,
        });
        return trainer.Fit(data);
    }
}
