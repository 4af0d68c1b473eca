using Burnout.Ml.Serialization;

namespace Burnout.Trainer.Training;

/// <summary>What a run produced: every candidate's result, the best one as a ready-to-serve model, and the lead time.</summary>
/// <param name="RecentRows">
/// Indexes of the rows the promotion gate compares champion and challenger on: the held-out students' later window,
/// or all their rows when the later window holds a single class.
/// </param>
public sealed record TrainingOutcome(
    IReadOnlyList<CandidateResult> Candidates,
    CandidateResult Best,
    ScoringModel Model,
    LeadTimeReport LeadTime,
    DateOnly Cutoff,
    int TrainingRows,
    int CalibrationRows,
    int HeldOutRows,
    int LaterWindowRows,
    int[] RecentRows);
