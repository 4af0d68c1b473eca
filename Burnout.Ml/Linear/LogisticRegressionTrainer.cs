using Burnout.Ml.Data;
using Burnout.Ml.Models;

namespace Burnout.Ml.Linear;

/// <summary>
/// Fits an L2-penalised logistic regression (see <see cref="LogisticRegressionOptions"/> for the objective).
/// Standardisation and one-hot encoding of categorical features happen inside the model, so it scores raw rows.
/// The problem is convex and the optimisers start from zero, so there is no seed: the result is the same every run.
/// </summary>
public sealed class LogisticRegressionTrainer(LogisticRegressionOptions? options = null) : IBinaryClassifierTrainer
{
    public LogisticRegressionOptions Options { get; } = options ?? new LogisticRegressionOptions();

    /// <summary>How the last <see cref="Fit"/> went: iterations, convergence, final objective.</summary>
    public LogisticFitReport? LastFit { get; private set; }

    IBinaryClassifier IBinaryClassifierTrainer.Fit(FeatureMatrix train, FeatureMatrix? validation) => Fit(train);

    /// <summary>Fits the model. The validation set is not needed: the penalty, not early stopping, controls complexity.</summary>
    public LogisticRegressionModel Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        var labels = train.RequireLabels();
        if (train.Rows == 0)
        {
            throw new ArgumentException("There are no rows to train on.", nameof(train));
        }

        var weights = RowWeights(train, labels);
        var design = LinearDesign.Fit(train, Options.Standardize, train.Weights);
        var lambda = double.IsPositiveInfinity(Options.C) ? 0 : 1 / Options.C;
        var objective = new LogisticObjective(train, design, weights, lambda, Options.Threads);
        var useNewton = Options.Solver == LogisticSolver.Newton
            || (Options.Solver == LogisticSolver.Auto && design.Width <= Options.NewtonMaxColumns);
        var outcome = useNewton
            ? LogisticOptimizers.Newton(objective, Options.MaxIterations, Options.Tolerance)
            : LogisticOptimizers.Lbfgs(objective, Options.MaxIterations * 10, Options.Tolerance, Options.LbfgsMemory);

        LastFit = new LogisticFitReport(
            useNewton ? LogisticSolver.Newton : LogisticSolver.Lbfgs,
            outcome.Iterations,
            outcome.Converged,
            outcome.Objective + objective.Penalty(outcome.Parameters));
        return new LogisticRegressionModel(design, outcome.Parameters[0], outcome.Parameters.AsSpan(1).ToArray());
    }

    /// <summary>Sample weight × class weight for every row.</summary>
    private double[] RowWeights(FeatureMatrix train, float[] labels)
    {
        double negativeWeight = Options.NegativeClassWeight, positiveWeight = Options.PositiveClassWeight;
        if (Options.BalanceClasses)
        {
            var positives = labels.Count(l => l == 1f);
            var negatives = labels.Length - positives;
            negativeWeight = negatives > 0 ? labels.Length / (2.0 * negatives) : 1;
            positiveWeight = positives > 0 ? labels.Length / (2.0 * positives) : 1;
        }

        var weights = new double[train.Rows];
        for (var i = 0; i < weights.Length; i++)
        {
            if (labels[i] is not (0f or 1f))
            {
                throw new ArgumentException($"Label {i} is {labels[i]}; labels must be 0 or 1.", nameof(train));
            }

            var sample = train.Weights is null ? 1.0 : train.Weights[i];
            if (!(sample >= 0) || !double.IsFinite(sample))
            {
                throw new ArgumentException($"Weight {i} is {sample}; weights must be finite and non-negative.", nameof(train));
            }

            weights[i] = sample * (labels[i] == 1f ? positiveWeight : negativeWeight);
        }

        return weights;
    }
}

/// <summary>Diagnostics of one logistic-regression fit.</summary>
/// <param name="Solver">The optimiser that ran.</param>
/// <param name="Iterations">Optimiser iterations taken.</param>
/// <param name="Converged">Whether the gradient reached the tolerance.</param>
/// <param name="Objective">Final penalised objective (summed weighted log-loss + penalty).</param>
public sealed record LogisticFitReport(LogisticSolver Solver, int Iterations, bool Converged, double Objective);
