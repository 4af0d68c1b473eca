using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Burnout.Testing;
using static Burnout.Api.Tests.ActivityBatches;

namespace Burnout.Api.Tests;

[Collection(PostgresCollection.Name)]
public sealed class OutcomeIngestionTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _api = new ApiFactory(await postgres.CreateDatabaseAsync("outcomes"));
        var client = _api.CreateIngestionClient();
        (await client.PostAsync("/api/activity", Json(true, Row("s1", "2026-10-01"), Row("s2", "2026-10-01")))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static StringContent Outcomes(string json) => new($$"""{"outcomes":[{{json}}]}""", Encoding.UTF8, "application/json");

    [Fact]
    public async Task Outcomes_are_upserted_and_a_repeat_changes_nothing()
    {
        var client = _api.CreateIngestionClient();
        var body = """{"student_id":"s1","burnout_onset":"2026-10-20","withdrawal_date":null,"final_result":null},{"student_id":"s2","burnout_onset":null,"withdrawal_date":"2026-10-15","final_result":"Withdrawn"}""";

        (await client.PostAsync("/api/outcomes", Outcomes(body))).EnsureSuccessStatusCode();
        var first = await _api.DumpAsync("outcomes");
        (await client.PostAsync("/api/outcomes", Outcomes(body))).EnsureSuccessStatusCode();

        Assert.Equal(2, first.Count);
        Assert.Equal(first, await _api.DumpAsync("outcomes"));
        Assert.Equal(1, await _api.ScalarAsync("SELECT count(*) FROM outcomes WHERE final_result = 'Withdrawn' AND withdrawal_date = '2026-10-15'"));
    }

    [Fact]
    public async Task An_outcome_for_an_unknown_student_refuses_the_whole_batch()
    {
        var client = _api.CreateIngestionClient();

        var response = await client.PostAsync("/api/outcomes", Outcomes(
            """{"student_id":"s1","burnout_onset":"2026-10-20","withdrawal_date":null,"final_result":null},{"student_id":"ghost","burnout_onset":null,"withdrawal_date":null,"final_result":"Pass"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("unknown student 'ghost'", errors.GetProperty("outcomes[1].student_id")[0].GetString());
        Assert.Equal(0, await _api.ScalarAsync("SELECT count(*) FROM outcomes"));
    }

    [Fact]
    public async Task An_unknown_final_result_is_named_by_its_path()
    {
        var client = _api.CreateIngestionClient();

        var response = await client.PostAsync("/api/outcomes", Outcomes(
            """{"student_id":"s1","burnout_onset":null,"withdrawal_date":null,"final_result":"Graduated"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("outcomes[0].final_result", errors.EnumerateObject().Single().Name);
    }
}
