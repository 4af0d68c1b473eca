namespace Burnout.Trainer.Registry;

/// <summary>How a model did on the evaluation window the gate compares on.</summary>
/// <param name="RecallGap">The largest difference in recall between groups of students; null when fewer than two groups have positives.</param>
public sealed record GateEvaluation(double PrAuc, double? RecallGap);

/// <summary>The gate's settings: by how much a challenger must beat the champion, and how much less fair it may be.</summary>
public sealed record PromotionGateOptions
{
    /// <summary>The PR-AUC a challenger must gain over the champion on the same window. Default 0.005.</summary>
    public double MinPrAucGain { get; init; } = 0.005;

    /// <summary>How far the recall gap between groups may widen. Default 0.05.</summary>
    public double MaxRecallGapIncrease { get; init; } = 0.05;
}

public sealed record GateDecision(bool Promote, string Reason);

/// <summary>
/// Decides whether a challenger replaces the champion. Both were scored on the same recent rows, so the PR-AUCs
/// are comparable; a better PR-AUC that fails one group more than the champion did is still refused.
/// </summary>
public static class PromotionGate
{
    public static GateDecision Decide(GateEvaluation challenger, GateEvaluation? champion, PromotionGateOptions options)
    {
        if (champion is null)
        {
            return new GateDecision(true, "there is no champion yet");
        }
        var gain = challenger.PrAuc - champion.PrAuc;
        if (gain < options.MinPrAucGain)
        {
            return new GateDecision(false, Invariant($"PR-AUC {challenger.PrAuc:F4} against the champion's {champion.PrAuc:F4} on the same window: a gain of {gain:+0.0000;-0.0000}, below the required {options.MinPrAucGain:F4}"));
        }
        if (challenger.RecallGap is { } gap && champion.RecallGap is { } championGap && gap - championGap > options.MaxRecallGapIncrease)
        {
            return new GateDecision(false, Invariant($"PR-AUC improves by {gain:F4}, but the recall gap between groups widens from {championGap:F3} to {gap:F3}, more than the allowed {options.MaxRecallGapIncrease:F3}"));
        }
        return new GateDecision(true, Invariant($"PR-AUC {challenger.PrAuc:F4} beats the champion's {champion.PrAuc:F4} by {gain:F4} without widening the recall gap between groups beyond {options.MaxRecallGapIncrease:F3}"));
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
