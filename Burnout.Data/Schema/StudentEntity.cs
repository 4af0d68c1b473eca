namespace Burnout.Data.Schema;

public sealed class StudentEntity
{
    public required string StudentId { get; set; }

    public required string Cohort { get; set; }

    public DateOnly StartDate { get; set; }

    public string? Gender { get; set; }

    public string? AgeBand { get; set; }

    public string? Region { get; set; }

    public string? ImdBand { get; set; }

    public string? HighestEducation { get; set; }

    public bool? Disability { get; set; }

    public int? PreviousAttempts { get; set; }

    public int? StudiedCredits { get; set; }

    /// <summary>Where the row came from: api, simulator, oulad, uci.</summary>
    public string Source { get; set; } = "api";

    public DateTimeOffset CreatedAt { get; set; }
}
