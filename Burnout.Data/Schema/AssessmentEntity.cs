namespace Burnout.Data.Schema;

public sealed class AssessmentEntity
{
    public required string StudentId { get; set; }

    public required string AssessmentId { get; set; }

    public DateOnly? DueDate { get; set; }

    public DateOnly? SubmittedDate { get; set; }

    public float? Score { get; set; }

    public float? Weight { get; set; }
}
