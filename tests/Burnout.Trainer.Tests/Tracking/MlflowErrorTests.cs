using System.Net;
using System.Text;
using Burnout.Trainer.Tracking.Mlflow;

namespace Burnout.Trainer.Tests.Tracking;

public sealed class MlflowErrorTests : MlflowServerTest
{
    [Fact]
    public async Task An_unknown_run_is_RESOURCE_DOES_NOT_EXIST_and_permanent()
    {
        var error = await Assert.ThrowsAsync<MlflowException>(() => Client.GetRunAsync("0123456789abcdef"));

        Assert.Equal(MlflowErrorCodes.ResourceDoesNotExist, error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task A_param_logged_again_with_another_value_is_INVALID_PARAMETER_VALUE_and_permanent()
    {
        var run = await StartRunAsync();
        await Client.LogBatchAsync(run.Info.RunId, parameters: [new MlflowParam("learning_rate", "0.05")]);
        await Client.LogBatchAsync(run.Info.RunId, parameters: [new MlflowParam("learning_rate", "0.05")]);

        var error = await Assert.ThrowsAsync<MlflowException>(() => Client.LogBatchAsync(run.Info.RunId, parameters: [new MlflowParam("learning_rate", "0.1")]));

        Assert.Equal(MlflowErrorCodes.InvalidParameterValue, error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("learning_rate", error.Message);
        Assert.False(error.IsTransient);
        Assert.Equal("0.05", Server.State.Runs[run.Info.RunId].Params["learning_rate"]);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task An_outage_answer_is_transient_and_the_next_request_after_it_succeeds(HttpStatusCode status)
    {
        var run = await StartRunAsync();
        Server.SimulateOutage(status);

        var error = await Assert.ThrowsAsync<MlflowException>(() => Client.LogBatchAsync(run.Info.RunId, parameters: [new MlflowParam("p", "1")]));
        Server.EndOutage();
        await Client.LogBatchAsync(run.Info.RunId, parameters: [new MlflowParam("p", "1")]);

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(MlflowErrorCodes.TemporarilyUnavailable, error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.Equal("1", Server.State.Runs[run.Info.RunId].Params["p"]);
    }

    [Fact]
    public async Task A_stopped_server_is_a_transient_failure_without_status_and_a_restart_keeps_the_data()
    {
        var run = await StartRunAsync();
        await Server.StopAsync();

        var error = await Assert.ThrowsAsync<MlflowException>(() => Client.GetRunAsync(run.Info.RunId));
        await Server.RestartAsync();
        var read = await Client.GetRunAsync(run.Info.RunId);

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(run.Info.RunId, read.Info.RunId);
    }

    [Fact]
    public async Task GetOrCreate_tolerates_another_trainer_creating_the_experiment_first()
    {
        // The other trainer's create lands between this client's get-by-name (none) and its create.
        var other = new MlflowClient(Server.CreateHttpClient());
        using var racing = new HttpClient(new BeforeFirstCreate(() => other.CreateExperimentAsync("burnout-gbdt")) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = Server.TrackingUri,
        };

        var experiment = await new MlflowClient(racing).GetOrCreateExperimentAsync("burnout-gbdt");

        Assert.Single(Server.State.Experiments.Values, e => e.Name == "burnout-gbdt");
        Assert.Equal(Server.State.Experiments.Values.Single(e => e.Name == "burnout-gbdt").ExperimentId, experiment.ExperimentId);
        Assert.Contains(Server.Received, r => r.Path.EndsWith("experiments/create", StringComparison.Ordinal) && r.Status == 400);
    }

    [Fact]
    public async Task A_missing_experiment_is_null_and_GetOrCreate_creates_it_once()
    {
        Assert.Null(await Client.GetExperimentByNameAsync("burnout-gbdt"));

        var created = await Client.GetOrCreateExperimentAsync("burnout-gbdt");
        var found = await Client.GetOrCreateExperimentAsync("burnout-gbdt");

        Assert.Equal(created.ExperimentId, found.ExperimentId);
        Assert.Equal(1, RequestsTo("experiments/create"));
    }

    [Fact]
    public async Task The_server_refuses_malformed_requests_as_MLflow_does()
    {
        var http = Server.CreateHttpClient();
        var run = await StartRunAsync();
        var tooMany = string.Join(',', Enumerable.Range(0, 1001).Select(i => $$"""{"key":"m","value":{{i}},"timestamp":1}"""));

        string[] refused =
        [
            """{"run_id":""}""",
            $$"""{"run_id":"{{run.Info.RunId}}","metrics":[{{tooMany}}]}""",
            $$"""{"run_id":"{{run.Info.RunId}}","metrics":[{"key":"m","value":"high","timestamp":1}]}""",
            $$"""{"run_id":"{{run.Info.RunId}}","metrics":[{"key":"m","value":1}]}""",
            $$"""{"run_id":"{{run.Info.RunId}}","params":[{"key":"{{new string('k', 251)}}","value":"1"}]}""",
            $$"""{"run_id":"{{run.Info.RunId}}","params":[{"key":"p","value":"{{new string('v', 6001)}}"}]}""",
            $$"""{"runId":"{{run.Info.RunId}}"}""",
        ];

        foreach (var body in refused)
        {
            using var response = await http.PostAsync("api/2.0/mlflow/runs/log-batch", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("INVALID_PARAMETER_VALUE", await response.Content.ReadAsStringAsync());
        }

        using var unknownRun = await http.PostAsync("api/2.0/mlflow/runs/log-batch", new StringContent("""{"run_id":"nope"}""", Encoding.UTF8, "application/json"));
        using var notJson = await http.PostAsync("api/2.0/mlflow/runs/create", new StringContent("""{"experiment_id":"0"}""", Encoding.UTF8, "text/plain"));
        using var wrongType = await http.PostAsync("api/2.0/mlflow/runs/create", new StringContent("""{"experiment_id":"0","start_time":"soon"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
        Assert.Contains("RESOURCE_DOES_NOT_EXIST", await unknownRun.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Empty(Server.State.Runs[run.Info.RunId].Metrics);
        Assert.Empty(Server.State.Runs[run.Info.RunId].Params);
    }

    /// <summary>Runs an action once, just before the first <c>experiments/create</c> request goes out.</summary>
    private sealed class BeforeFirstCreate(Func<Task> action) : DelegatingHandler
    {
        private bool _done;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!_done && request.RequestUri!.AbsolutePath.EndsWith("experiments/create", StringComparison.Ordinal))
            {
                _done = true;
                await action();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
