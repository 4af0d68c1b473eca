using Burnout.Features.Domain;
using Burnout.Features.Labels;

namespace Burnout.Features.Tests;

public sealed class BurnoutOnsetLabelTests
{
    private static readonly DateOnly T = new(2025, 1, 10);
    private static readonly DateOnly ObservedThrough = new(2025, 6, 30);

    private static StudentOutcome Outcome(int? onset = null, int? withdrawal = null) =>
        new("s1", onset is { } o ? T.AddDays(o) : null, withdrawal is { } w ? T.AddDays(w) : null, null);

    [Theory]
    [InlineData(1, 1f)]
    [InlineData(21, 1f)]
    [InlineData(22, 0f)]
    [InlineData(0, null)]
    [InlineData(-5, null)]
    public void Onset_within_the_next_21_days_is_positive(int onsetOffset, float? expected) =>
        Assert.Equal(expected, BurnoutOnsetLabel.Compute(Outcome(onsetOffset), T, ObservedThrough));

    [Fact]
    public void Horizon_is_configurable_between_14_and_21_days()
    {
        Assert.Equal(0f, BurnoutOnsetLabel.Compute(Outcome(15), T, ObservedThrough, horizonDays: 14));
        Assert.Equal(1f, BurnoutOnsetLabel.Compute(Outcome(14), T, ObservedThrough, horizonDays: 14));
        Assert.Equal("burnout-onset-14d@1", BurnoutOnsetLabel.Definition(14).Key);
        Assert.Equal("burnout-onset-21d@1", BurnoutOnsetLabel.Definition().Key);
        Assert.Throws<ArgumentOutOfRangeException>(() => BurnoutOnsetLabel.Compute(null, T, ObservedThrough, horizonDays: 28));
    }

    [Fact]
    public void Censored_days_have_no_label()
    {
        Assert.Null(BurnoutOnsetLabel.Compute(null, T, T.AddDays(20)));          // not observed for the whole horizon
        Assert.Equal(0f, BurnoutOnsetLabel.Compute(null, T, T.AddDays(21)));
        Assert.Null(BurnoutOnsetLabel.Compute(Outcome(withdrawal: 10), T, ObservedThrough));
        Assert.Equal(1f, BurnoutOnsetLabel.Compute(Outcome(onset: 5, withdrawal: 10), T, ObservedThrough));
        Assert.Null(BurnoutOnsetLabel.Compute(Outcome(onset: 5), T, T.AddDays(4))); // onset after observation ended
    }
}
