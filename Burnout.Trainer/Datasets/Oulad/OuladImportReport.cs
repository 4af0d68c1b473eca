using Burnout.Features.Oulad;

namespace Burnout.Trainer.Datasets.Oulad;

/// <summary>What an OULAD import read and produced.</summary>
public sealed record OuladImportReport(
    IReadOnlyList<OuladTableImport> Tables,
    IReadOnlyList<CourseRunCoverage> Presentations,
    OuladMappedCounts Mapped)
{
    public IEnumerable<CourseRunCoverage> Truncated => Presentations.Where(p => p.Status == CoverageStatus.Truncated);
}

/// <param name="Sha256">SHA-256 of the decompressed file, comparable with the official checksums in SOURCE.md.</param>
/// <param name="Partial">True when the file is a published prefix of the table rather than the table.</param>
public sealed record OuladTableImport(string Table, string SourceFile, string Sha256, long Rows, bool Partial);

/// <param name="PresentationsWithActivity">Runs whose complete click log became daily activity.</param>
public sealed record OuladMappedCounts(long Students, long Outcomes, long Assessments, long ActivityRows, int PresentationsWithActivity);
