namespace Burnout.Data.Schema;

/// <summary>What became of a student. Outcomes arrive later than the activity that predicts them.</summary>
public sealed class OutcomeEntity
{
    public required string StudentId { get; set; }

    public DateOnly? BurnoutOnset { get; set; }

    public DateOnly? WithdrawalDate { get; set; }

    /// <summary>Pass, Distinction, Fail or Withdrawn.</summary>
    public string? FinalResult { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
