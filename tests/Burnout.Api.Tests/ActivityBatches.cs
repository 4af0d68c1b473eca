using System.Globalization;
using System.Text;

namespace Burnout.Api.Tests;

/// <summary>Builds request bodies the way a client would write them, by hand, so the tests also pin the wire format.</summary>
internal static class ActivityBatches
{
    public static string Row(
        string student,
        string day,
        int logins = 2,
        double minutes = 45.5,
        int resources = 3,
        int forum = 1,
        int clicks = 40,
        int due = 0,
        int submitted = 0,
        double delay = 0,
        double lateNight = 0.1,
        double weekend = 0.25) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            {"student_id":"{{student}}","day":"{{day}}","logins":{{logins}},"session_minutes":{{minutes}},"resources_accessed":{{resources}},"forum_posts":{{forum}},"clicks":{{clicks}},"assignments_due":{{due}},"assignments_submitted":{{submitted}},"submission_delay_hours":{{delay}},"late_night_share":{{lateNight}},"weekend_share":{{weekend}}}
            """);

    public static StringContent Json(bool autoCreate, params string[] rows) =>
        new($$"""{"auto_create_students":{{(autoCreate ? "true" : "false")}},"cohort":"test-cohort","rows":[{{string.Join(",", rows)}}]}""", Encoding.UTF8, "application/json");

    public static StringContent Csv(params string[] lines) =>
        new(string.Join("\n", lines) + "\n", Encoding.UTF8, "text/csv");

    public const string CsvHeader =
        "student_id,day,logins,session_minutes,resources_accessed,forum_posts,clicks,assignments_due,assignments_submitted,submission_delay_hours,late_night_share,weekend_share";
}
