using Burnout.Ml.Serialization;

namespace Burnout.Trainer.Training;

/// <summary>What a run produced: every candidate's result, the best one as a ready-to-serve model, and the lead time.</summary>
public sealed record TrainingOutcome(
    IReadOnlyList<CandidateResult> Candidates,
    CandidateResult Best,
    ScoringModel Model,
    LeadTimeReport LeadTime,
    DateOnly Cutoff,
    int TrainingRows,
    int CalibrationRows,
    int HeldOutRows,
    int LaterWindowRows);
