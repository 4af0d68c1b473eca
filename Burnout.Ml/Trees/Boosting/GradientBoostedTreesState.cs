namespace Burnout.Ml.Trees.Boosting;

/// <summary>
/// Everything a <see cref="GradientBoostedTreesModel"/> needs to score, as plain data for serialization
/// (the feature schema travels separately, in the model envelope).
/// </summary>
/// <param name="FeatureCount">Number of schema features the trees index into.</param>
/// <param name="BaseScore">Initial log-odds every row starts from.</param>
/// <param name="Trees">The boosted trees, in order; leaf values already include the learning rate.</param>
public sealed record GradientBoostedTreesState(int FeatureCount, double BaseScore, TreeState[] Trees);
