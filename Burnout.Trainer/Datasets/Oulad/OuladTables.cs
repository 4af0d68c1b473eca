namespace Burnout.Trainer.Datasets.Oulad;

/// <summary>One published OULAD file and the raw table it is copied into.</summary>
/// <param name="File">File name inside the OULAD folder.</param>
/// <param name="Table">Target table in the <c>oulad</c> schema.</param>
/// <param name="Columns">The file's columns, in file order (the header is checked against them).</param>
/// <param name="NullableColumns">Columns where an empty quoted field ("") means missing, not an empty string.</param>
internal sealed record OuladTable(string File, string Table, IReadOnlyList<string> Columns, IReadOnlyList<string> NullableColumns);

internal static class OuladTables
{
    public static readonly IReadOnlyList<OuladTable> All =
    [
        new("courses.csv.gz", "oulad.courses", ["code_module", "code_presentation", "module_presentation_length"], []),
        new("assessments.csv.gz", "oulad.assessments",
            ["code_module", "code_presentation", "id_assessment", "assessment_type", "date", "weight"], ["date"]),
        new("vle.csv.gz", "oulad.vle",
            ["id_site", "code_module", "code_presentation", "activity_type", "week_from", "week_to"], ["week_from", "week_to"]),
        new("studentInfo.csv.gz", "oulad.student_info",
            ["code_module", "code_presentation", "id_student", "gender", "region", "highest_education", "imd_band", "age_band",
             "num_of_prev_attempts", "studied_credits", "disability", "final_result"], ["imd_band"]),
        new("studentRegistration.csv.gz", "oulad.student_registration",
            ["code_module", "code_presentation", "id_student", "date_registration", "date_unregistration"],
            ["date_registration", "date_unregistration"]),
        new("studentAssessment.csv.gz", "oulad.student_assessment",
            ["id_assessment", "id_student", "date_submitted", "is_banked", "score"], ["score"]),
    ];

    /// <summary>
    /// The click log. The full studentVle.csv is preferred; the repository's shared data holds only a published
    /// prefix of it, under partial/, and the importer says so.
    /// </summary>
    public static readonly OuladTable StudentVle = new(
        "studentVle.csv", "oulad.student_vle",
        ["code_module", "code_presentation", "id_student", "id_site", "date", "sum_click"], []);

    public static readonly string[] StudentVleCandidates =
    [
        "studentVle.csv.gz",
        "studentVle.csv",
        Path.Combine("partial", "studentVle_PARTIAL_prefix_1048575rows.csv.gz"),
    ];
}
