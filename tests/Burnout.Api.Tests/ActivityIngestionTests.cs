using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Burnout.Testing;
using static Burnout.Api.Tests.ActivityBatches;

namespace Burnout.Api.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ActivityIngestionTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = new ApiFactory(await postgres.CreateDatabaseAsync("activity"));

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Posting_the_same_batch_twice_leaves_identical_table_contents()
    {
        var client = _api.CreateIngestionClient();
        var batch = new[] { Row("s1", "2026-10-01"), Row("s1", "2026-10-02", logins: 0, clicks: 0), Row("s2", "2026-10-01", lateNight: 0.9) };

        var first = await client.PostAsync("/api/activity", Json(autoCreate: true, batch));
        first.EnsureSuccessStatusCode();
        var activityAfterFirst = await _api.DumpAsync("daily_activity");
        var studentsAfterFirst = await _api.DumpAsync("students");

        var second = await client.PostAsync("/api/activity", Json(autoCreate: true, batch));
        second.EnsureSuccessStatusCode();

        Assert.Equal(3, activityAfterFirst.Count);
        Assert.Equal(activityAfterFirst, await _api.DumpAsync("daily_activity"));
        Assert.Equal(studentsAfterFirst, await _api.DumpAsync("students"));
        var secondBody = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, secondBody.GetProperty("rows_received").GetInt64());
        Assert.Equal(0, secondBody.GetProperty("rows_changed").GetInt64());
    }

    [Fact]
    public async Task A_changed_value_for_an_existing_day_replaces_the_row()
    {
        var client = _api.CreateIngestionClient();
        (await client.PostAsync("/api/activity", Json(true, Row("s1", "2026-10-01", logins: 2)))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/activity", Json(true, Row("s1", "2026-10-01", logins: 7)))).EnsureSuccessStatusCode();

        Assert.Equal(1, await _api.ScalarAsync("SELECT count(*) FROM daily_activity"));
        Assert.Equal(7, await _api.ScalarAsync("SELECT logins FROM daily_activity WHERE student_id = 's1'"));
    }

    [Fact]
    public async Task A_batch_with_one_bad_row_stores_nothing_and_names_that_row_and_field()
    {
        var client = _api.CreateIngestionClient();
        (await client.PostAsync("/api/activity", Json(true, Row("kept", "2026-09-01")))).EnsureSuccessStatusCode();
        var before = await _api.DumpAsync("daily_activity");

        var response = await client.PostAsync("/api/activity", Json(true,
            Row("s1", "2026-10-01"), Row("s1", "2026-10-02", lateNight: 1.5), Row("s2", "2026-10-01")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal(["rows[1].late_night_share"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("outside [0, 1]", errors.GetProperty("rows[1].late_night_share")[0].GetString());
        Assert.Equal(before, await _api.DumpAsync("daily_activity"));
        Assert.Equal(1, await _api.ScalarAsync("SELECT count(*) FROM students"));
    }

    [Fact]
    public async Task Every_bad_row_is_listed_with_its_field_and_reason()
    {
        var client = _api.CreateIngestionClient();
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");

        var response = await client.PostAsync("/api/activity", Json(true,
            Row("s1", "2026-10-01", logins: -1),
            Row("s1", tomorrow),
            Row("s1", "2026-10-03", weekend: -0.2),
            Row("s1", "2026-10-04", forum: -3)));

        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(
            ["rows[0].logins", "rows[1].day", "rows[2].weekend_share", "rows[3].forum_posts"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("negative", errors.GetProperty("rows[0].logins")[0].GetString());
        Assert.Contains("in the future", errors.GetProperty("rows[1].day")[0].GetString());
        Assert.Equal(0, await _api.ScalarAsync("SELECT count(*) FROM daily_activity"));
    }

    [Fact]
    public async Task A_duplicate_key_within_the_batch_is_refused()
    {
        var client = _api.CreateIngestionClient();

        var response = await client.PostAsync("/api/activity", Json(true, Row("s1", "2026-10-01"), Row("s2", "2026-10-01"), Row("s1", "2026-10-01", logins: 5)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("duplicate key (s1, 2026-10-01)", errors.GetProperty("rows[2].day")[0].GetString());
        Assert.Equal(0, await _api.ScalarAsync("SELECT count(*) FROM daily_activity"));
    }

    [Fact]
    public async Task An_unknown_student_is_refused_when_auto_create_is_off()
    {
        var client = _api.CreateIngestionClient();

        var response = await client.PostAsync("/api/activity", Json(false, Row("nobody", "2026-10-01")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("unknown student 'nobody'", errors.GetProperty("rows[0].student_id")[0].GetString());
        Assert.Equal(0, await _api.ScalarAsync("SELECT count(*) FROM students"));
    }

    [Fact]
    public async Task A_missing_field_is_named_rather_than_read_as_zero()
    {
        var client = _api.CreateIngestionClient();
        var withoutClicks = Row("s1", "2026-10-01").Replace("\"clicks\":40,", string.Empty, StringComparison.Ordinal);

        var response = await client.PostAsync("/api/activity", Json(true, withoutClicks));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var (field, reasons) = problem.GetProperty("errors").EnumerateObject().Select(e => (e.Name, e.Value.ToString())).Single();
        Assert.StartsWith("rows[0]", field);
        Assert.Contains("clicks", reasons);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Ingestion_without_a_valid_key_gets_401_and_stores_nothing(string? key)
    {
        var client = _api.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var response = await client.PostAsync("/api/activity", Json(true, Row("s1", "2026-10-01")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await _api.ScalarAsync("SELECT count(*) FROM daily_activity"));
    }

    [Fact]
    public async Task A_csv_upload_stores_the_same_rows_as_json()
    {
        var client = _api.CreateIngestionClient();

        var response = await client.PostAsync("/api/activity/csv?autoCreateStudents=true&cohort=csv", Csv(
            CsvHeader,
            "s1,2026-10-01,2,45.5,3,1,40,0,0,0,0.1,0.25",
            "s1,2026-10-02,0,0,0,0,0,1,0,0,0,0"));

        response.EnsureSuccessStatusCode();
        Assert.Equal(2, await _api.ScalarAsync("SELECT count(*) FROM daily_activity WHERE student_id = 's1'"));
        Assert.Equal(1, await _api.ScalarAsync("SELECT assignments_due FROM daily_activity WHERE day = '2026-10-02'"));
    }

    [Fact]
    public async Task A_csv_cell_that_is_not_a_number_is_named_by_row_and_column()
    {
        var client = _api.CreateIngestionClient();

        var response = await client.PostAsync("/api/activity/csv?autoCreateStudents=true", Csv(
            CsvHeader,
            "s1,2026-10-01,2,45.5,3,1,40,0,0,0,0.1,0.25",
            "s1,2026-10-02,two,45.5,3,1,40,0,0,0,0.1,0.25"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("'two' is not a whole number", errors.GetProperty("line 3.logins")[0].GetString());
        Assert.Equal(0, await _api.ScalarAsync("SELECT count(*) FROM daily_activity"));
    }

    [Fact]
    public async Task A_csv_without_a_required_column_is_refused_naming_it()
    {
        var client = _api.CreateIngestionClient();

        var response = await client.PostAsync("/api/activity/csv?autoCreateStudents=true", Csv(
            CsvHeader.Replace(",weekend_share", string.Empty, StringComparison.Ordinal),
            "s1,2026-10-01,2,45.5,3,1,40,0,0,0,0.1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("weekend_share", body);
    }
}
