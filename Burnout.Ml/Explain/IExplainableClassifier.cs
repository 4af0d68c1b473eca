using Burnout.Ml.Models;

namespace Burnout.Ml.Explain;

/// <summary>
/// A classifier that can split one row's score into additive per-feature contributions.
/// </summary>
/// <remarks>
/// <para>
/// The contract is exact additivity in the model's <see cref="MarginSpace"/>:
/// <c>bias + Σ contributions[j] == margin(row)</c> (to floating-point rounding, well inside 1e-6).
/// <c>bias</c> is the expected margin over the training data (for trees, over node cover), and
/// <c>contributions[j]</c> is feature j's share of the difference between this row's margin and that
/// expectation (SHAP values for tree models, exact coefficient × centred value for linear models).
/// </para>
/// <para>
/// The margin is not always a probability: gradient-boosted trees and logistic regression explain the
/// log-odds (apply the logistic function to <c>bias + Σ contributions</c> to get P(label = 1)); a random
/// forest explains the averaged class-1 probability directly. Read <see cref="MarginSpace"/> before
/// presenting contributions as probability changes.
/// </para>
/// <para>
/// Implementations allocate nothing per call beyond what they document and are safe to call from
/// several threads at once.
/// </para>
/// </remarks>
public interface IExplainableClassifier : IBinaryClassifier
{
    /// <summary>The space in which contributions add up: log-odds or probability.</summary>
    MarginSpace MarginSpace { get; }

    /// <summary>
    /// Writes one contribution per schema feature for <paramref name="row"/> (laid out in schema order,
    /// NaN = missing) and the bias, so that <c>bias + Σ contributions == margin</c>.
    /// </summary>
    /// <param name="row">One row of features, length <c>Schema.Count</c>.</param>
    /// <param name="contributions">Receives <c>Schema.Count</c> values; it is overwritten, not added to.</param>
    /// <param name="bias">The expected margin: the part of the score no feature is responsible for.</param>
    void Explain(ReadOnlySpan<float> row, Span<double> contributions, out double bias);
}

/// <summary>The quantity that an <see cref="IExplainableClassifier"/>'s contributions add up to.</summary>
public enum MarginSpace
{
    /// <summary>ln(p / (1 - p)); P(label = 1) = 1 / (1 + e^(−margin)).</summary>
    LogOdds,

    /// <summary>P(label = 1) itself, e.g. the mean of a forest's per-tree leaf probabilities.</summary>
    Probability,
}
