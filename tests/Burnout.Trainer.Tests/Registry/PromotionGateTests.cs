using Burnout.Trainer.Registry;

namespace Burnout.Trainer.Tests.Registry;

public sealed class PromotionGateTests
{
    private static readonly PromotionGateOptions Options = new() { MinPrAucGain = 0.01, MaxRecallGapIncrease = 0.05 };

    [Fact]
    public void Without_a_champion_the_challenger_is_promoted()
    {
        var decision = PromotionGate.Decide(new GateEvaluation(0.2, 0.1), champion: null, Options);

        Assert.True(decision.Promote);
    }

    [Fact]
    public void A_challenger_that_beats_the_champion_by_the_margin_is_promoted()
    {
        var decision = PromotionGate.Decide(new GateEvaluation(0.62, 0.08), new GateEvaluation(0.60, 0.06), Options);

        Assert.True(decision.Promote);
        Assert.Contains("0.6200", decision.Reason);
    }

    [Theory]
    [InlineData(0.605)] // better, but by less than the margin
    [InlineData(0.60)]  // equal
    [InlineData(0.55)]  // worse
    public void A_challenger_that_does_not_beat_the_champion_by_the_margin_stays_challenger(double challengerPrAuc)
    {
        var decision = PromotionGate.Decide(new GateEvaluation(challengerPrAuc, 0.05), new GateEvaluation(0.60, 0.05), Options);

        Assert.False(decision.Promote);
        Assert.Contains("below the required 0.0100", decision.Reason);
    }

    [Fact]
    public void A_better_challenger_that_fails_one_group_more_stays_challenger()
    {
        var decision = PromotionGate.Decide(new GateEvaluation(0.70, 0.20), new GateEvaluation(0.60, 0.10), Options);

        Assert.False(decision.Promote);
        Assert.Contains("recall gap", decision.Reason);
    }

    [Fact]
    public void The_recall_gap_is_the_spread_of_recall_over_groups_with_enough_positives()
    {
        // Group a: 5 positives, 4 caught (0.8). Group b: 5 positives, 2 caught (0.4). Group c: 1 positive: too small to count.
        string[] groups = ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "c", "a"];
        float[] labels = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
        float[] scores = [.9f, .9f, .9f, .9f, .1f, .9f, .9f, .1f, .1f, .1f, .1f, .9f];

        var gap = RecallGap.Compute(groups, labels, scores, threshold: 0.5);

        Assert.Equal(0.4, gap!.Value, 10);
    }
}
