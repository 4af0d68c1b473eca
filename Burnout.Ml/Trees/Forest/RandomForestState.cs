namespace Burnout.Ml.Trees.Forest;

/// <summary>A <see cref="RandomForestModel"/> as plain data for serialization (the schema travels in the envelope).</summary>
/// <param name="FeatureCount">Number of schema features the trees index into.</param>
/// <param name="Trees">The trees; each leaf value is the weighted share of label 1 in its bootstrap rows.</param>
/// <param name="OutOfBagAuc">ROC AUC of out-of-bag predictions on the training rows, when bootstrapped.</param>
/// <param name="OutOfBagAccuracy">Accuracy (threshold 0.5) of the same predictions.</param>
public sealed record RandomForestState(int FeatureCount, TreeState[] Trees, double? OutOfBagAuc, double? OutOfBagAccuracy);
