using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>
/// A typed client for the MLflow REST API 2.0 (tracking, the model registry and the artifact proxy), for an
/// <see cref="HttpClient"/> whose base address is the tracking URI (<c>MLFLOW_TRACKING_URI</c>). Requests are
/// as MLflow documents them; what MLflow would refuse for its size or form is refused here, with an
/// <see cref="ArgumentException"/>, before anything is sent. Every failure of MLflow or of the network is an
/// <see cref="MlflowException"/> that says whether it is transient; cancellation by the caller is not wrapped.
/// </summary>
public sealed class MlflowClient
{
    private const string Api = "api/2.0/mlflow/";

    private readonly HttpClient _http;
    private readonly Uri _trackingUri;

    public MlflowClient(HttpClient http)
    {
        _http = http;
        var baseAddress = http.BaseAddress ?? throw new ArgumentException("The HttpClient needs the tracking URI as its BaseAddress.", nameof(http));

        // Without the trailing slash a tracking URI with a path (http://host/mlflow) would lose its last segment.
        _trackingUri = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    // Experiments

    /// <summary>The experiment of that name, deleted ones included; null when there is none.</summary>
    public async Task<MlflowExperiment?> GetExperimentByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var response = await GetOrNullAsync($"experiments/get-by-name?experiment_name={Uri.EscapeDataString(name)}", MlflowJson.Default.GetExperimentResponse, cancellationToken);
        return response?.Experiment;
    }

    /// <returns>The new experiment's id.</returns>
    public async Task<string> CreateExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var response = await PostAsync("experiments/create", new CreateExperimentRequest(name), MlflowJson.Default.CreateExperimentRequest, MlflowJson.Default.CreateExperimentResponse, cancellationToken);
        return response.ExperimentId;
    }

    /// <summary>
    /// The active experiment of that name, created if there is none. Two trainers starting at once may both try
    /// to create it; the loser's RESOURCE_ALREADY_EXISTS just means it is there now.
    /// </summary>
    /// <exception cref="MlflowException">INVALID_STATE, not transient, when the experiment exists but is deleted: runs cannot be logged to it until someone restores it.</exception>
    public async Task<MlflowExperiment> GetOrCreateExperimentAsync(string name, CancellationToken cancellationToken = default)
    {
        var experiment = await GetExperimentByNameAsync(name, cancellationToken);
        if (experiment is null)
        {
            try
            {
                await CreateExperimentAsync(name, cancellationToken);
            }
            catch (MlflowException e) when (e.ErrorCode == MlflowErrorCodes.ResourceAlreadyExists)
            {
            }

            experiment = await GetExperimentByNameAsync(name, cancellationToken)
                ?? throw new MlflowException(MlflowErrorCodes.ResourceDoesNotExist, $"The experiment '{name}' was created but cannot be found.", statusCode: null, isTransient: true);
        }

        return experiment.IsDeleted
            ? throw new MlflowException(MlflowErrorCodes.InvalidState, $"The experiment '{name}' ({experiment.ExperimentId}) is deleted; restore it or use another name.", statusCode: null, isTransient: false)
            : experiment;
    }

    // Runs

    public async Task<MlflowRun> CreateRunAsync(
        string experimentId, string runName, DateTimeOffset startTime, IReadOnlyList<MlflowTag>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(experimentId);
        foreach (var tag in tags ?? [])
        {
            LogBatchSplitter.ValidateTag(tag);
        }

        var request = new CreateRunRequest(experimentId, runName, startTime.ToUnixTimeMilliseconds(), tags ?? []);
        var response = await PostAsync("runs/create", request, MlflowJson.Default.CreateRunRequest, MlflowJson.Default.RunResponse, cancellationToken);
        return response.Run;
    }

    /// <summary>
    /// Active runs of the experiments that match an MLflow search filter (<c>runs/search</c>), at most
    /// <paramref name="maxResults"/> of them; the first page only.
    /// </summary>
    /// <param name="filter">MLflow's search syntax, e.g. <c>tags.`burnout.run_key` = 'training-run-42'</c>.</param>
    public async Task<IReadOnlyList<MlflowRun>> SearchRunsAsync(
        IReadOnlyList<string> experimentIds, string filter, int maxResults = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(experimentIds.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResults, MlflowLimits.SearchRunsMaxResults);
        var request = new SearchRunsRequest(experimentIds, filter, maxResults);
        var response = await PostAsync("runs/search", request, MlflowJson.Default.SearchRunsRequest, MlflowJson.Default.SearchRunsResponse, cancellationToken);
        return response.Runs ?? [];
    }

    /// <summary>The active run of the experiment that carries this tag with this value; null when there is none.</summary>
    /// <exception cref="ArgumentException">The key has a backtick or the value a quote: MLflow's filter syntax has no escape for them.</exception>
    public async Task<MlflowRun?> FindRunByTagAsync(string experimentId, string tagKey, string tagValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(experimentId);
        LogBatchSplitter.ValidateTag(new MlflowTag(tagKey, tagValue));
        if (tagKey.Contains('`') || tagValue.Contains('\'') || tagValue.Contains('\\'))
        {
            throw new ArgumentException($"The tag '{tagKey}' = '{tagValue}' cannot be written in MLflow's filter syntax (backtick in the key, quote or backslash in the value).");
        }

        var runs = await SearchRunsAsync([experimentId], $"tags.`{tagKey}` = '{tagValue}'", maxResults: 1, cancellationToken);
        return runs.Count > 0 ? runs[0] : null;
    }

    /// <param name="endTime">When the run ended; leave null while it is still running.</param>
    public async Task<MlflowRunInfo> UpdateRunAsync(string runId, MlflowRunStatus status, DateTimeOffset? endTime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var request = new UpdateRunRequest(runId, status, endTime?.ToUnixTimeMilliseconds());
        var response = await PostAsync("runs/update", request, MlflowJson.Default.UpdateRunRequest, MlflowJson.Default.UpdateRunResponse, cancellationToken);
        return response.RunInfo;
    }

    /// <summary>The run with its params, tags, the latest value of each metric, and its dataset inputs.</summary>
    public async Task<MlflowRun> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var response = await GetAsync($"runs/get?run_id={Uri.EscapeDataString(runId)}", MlflowJson.Default.RunResponse, cancellationToken);
        return response.Run;
    }

    // Logging

    /// <summary>
    /// Logs any number of metrics, params and tags in as many <c>runs/log-batch</c> requests as MLflow's limits
    /// need (<see cref="MlflowLimits"/>), metrics in the order given. Keys over 250 characters, values over their
    /// limit and a param given twice are an <see cref="ArgumentException"/> naming the key, before any request:
    /// nothing is truncated. If a later request fails, the earlier ones stay logged (MLflow has no transaction
    /// across requests); sending the batch again repeats their metric values.
    /// </summary>
    /// <returns>How many requests were sent.</returns>
    public async Task<int> LogBatchAsync(
        string runId,
        IReadOnlyList<MlflowMetric>? metrics = null,
        IReadOnlyList<MlflowParam>? parameters = null,
        IReadOnlyList<MlflowTag>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var requests = LogBatchSplitter.Split(runId, metrics ?? [], parameters ?? [], tags ?? []);
        foreach (var request in requests)
        {
            await PostAsync("runs/log-batch", request, MlflowJson.Default.LogBatchRequest, MlflowJson.Default.EmptyResponse, cancellationToken);
        }

        return requests.Count;
    }

    /// <summary>Records the datasets a run used (<c>runs/log-inputs</c>); see <see cref="MlflowDatasetInput.ForContext"/>.</summary>
    public async Task LogInputsAsync(string runId, IReadOnlyList<MlflowDatasetInput> datasets, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        foreach (var input in datasets)
        {
            MlflowDatasetRules.Validate(input);
        }

        await PostAsync("runs/log-inputs", new LogInputsRequest(runId, datasets), MlflowJson.Default.LogInputsRequest, MlflowJson.Default.EmptyResponse, cancellationToken);
    }

    // Artifacts

    /// <summary>Writes one file of a run's artifacts through the server's artifact proxy.</summary>
    /// <param name="runArtifactUri">The run's <see cref="MlflowRunInfo.ArtifactUri"/>.</param>
    /// <param name="artifactPath">The file's path among the run's artifacts, e.g. <c>model/model.json</c>.</param>
    public async Task UploadArtifactAsync(string runArtifactUri, string artifactPath, Stream content, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, MlflowArtifactAddress.Resolve(_trackingUri, runArtifactUri, artifactPath))
        {
            Content = new StreamContent(content),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await SendAsync(request, cancellationToken);
    }

    public async Task<byte[]> DownloadArtifactAsync(string runArtifactUri, string artifactPath, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, MlflowArtifactAddress.Resolve(_trackingUri, runArtifactUri, artifactPath));
        using var response = await SendAsync(request, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    // Model registry

    /// <summary>The registered model of that name, created if there is none (RESOURCE_ALREADY_EXISTS is not an error).</summary>
    public async Task<MlflowRegisteredModel> CreateRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            var response = await PostAsync("registered-models/create", new CreateRegisteredModelRequest(name), MlflowJson.Default.CreateRegisteredModelRequest, MlflowJson.Default.RegisteredModelResponse, cancellationToken);
            return response.RegisteredModel;
        }
        catch (MlflowException e) when (e.ErrorCode == MlflowErrorCodes.ResourceAlreadyExists)
        {
            return await GetRegisteredModelAsync(name, cancellationToken)
                ?? throw new MlflowException(MlflowErrorCodes.ResourceDoesNotExist, $"The registered model '{name}' exists but cannot be found.", statusCode: null, isTransient: true);
        }
    }

    /// <summary>The registered model with its latest versions and aliases; null when there is none.</summary>
    public async Task<MlflowRegisteredModel?> GetRegisteredModelAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var response = await GetOrNullAsync($"registered-models/get?name={Uri.EscapeDataString(name)}", MlflowJson.Default.RegisteredModelResponse, cancellationToken);
        return response?.RegisteredModel;
    }

    /// <summary>The latest version in each stage (MLflow's stages predate aliases; new versions are in <c>None</c>).</summary>
    public async Task<IReadOnlyList<MlflowModelVersion>> GetLatestVersionsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var response = await PostAsync("registered-models/get-latest-versions", new GetLatestVersionsRequest(name), MlflowJson.Default.GetLatestVersionsRequest, MlflowJson.Default.GetLatestVersionsResponse, cancellationToken);
        return response.ModelVersions ?? [];
    }

    /// <param name="source">Where the model's files are, e.g. <c>mlflow-artifacts:/1/&lt;run&gt;/artifacts/model</c>.</param>
    /// <param name="runId">The run that produced it, so MLflow links the version to the run.</param>
    public async Task<MlflowModelVersion> CreateModelVersionAsync(string name, string source, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(source);
        var response = await PostAsync("model-versions/create", new CreateModelVersionRequest(name, source, runId), MlflowJson.Default.CreateModelVersionRequest, MlflowJson.Default.ModelVersionResponse, cancellationToken);
        return response.ModelVersion;
    }

    /// <summary>Points the alias at the version, moving it if it pointed elsewhere.</summary>
    public async Task SetRegisteredModelAliasAsync(string name, string alias, string version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        ArgumentException.ThrowIfNullOrEmpty(version);
        await PostAsync("registered-models/alias", new SetRegisteredModelAliasRequest(name, alias, version), MlflowJson.Default.SetRegisteredModelAliasRequest, MlflowJson.Default.EmptyResponse, cancellationToken);
    }

    public async Task DeleteRegisteredModelAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        await SendJsonAsync(HttpMethod.Delete, "registered-models/alias", new DeleteRegisteredModelAliasRequest(name, alias), MlflowJson.Default.DeleteRegisteredModelAliasRequest, MlflowJson.Default.EmptyResponse, cancellationToken);
    }

    // The wire

    private Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Post, path, body, requestType, responseType, cancellationToken);

    private async Task<TResponse> SendJsonAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        // Bytes rather than JsonContent, so the request has a Content-Length instead of a chunked body.
        using var request = new HttpRequestMessage(method, new Uri(_trackingUri, Api + path))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await ReadAsync(request, responseType, cancellationToken);
    }

    private async Task<TResponse> GetAsync<TResponse>(string pathAndQuery, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_trackingUri, Api + pathAndQuery));
        return await ReadAsync(request, responseType, cancellationToken);
    }

    /// <summary>A GET whose RESOURCE_DOES_NOT_EXIST is an answer (null), not a failure.</summary>
    private async Task<TResponse?> GetOrNullAsync<TResponse>(string pathAndQuery, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class
    {
        try
        {
            return await GetAsync(pathAndQuery, responseType, cancellationToken);
        }
        catch (MlflowException e) when (e.ErrorCode == MlflowErrorCodes.ResourceDoesNotExist)
        {
            return null;
        }
    }

    private async Task<TResponse> ReadAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(responseType, cancellationToken)
                ?? throw new JsonException("The body is null.");
        }
        catch (JsonException e)
        {
            // A 200 that is not MLflow's answer (a proxy's page, a half-written body) says nothing about the request.
            throw new MlflowException(null, $"MLflow answered {request.Method} {request.RequestUri} with a body that is not the expected JSON: {e.Message}", response.StatusCode, isTransient: true, e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw MlflowException.NoAnswer($"MLflow did not answer {request.Method} {request.RequestUri}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw MlflowException.NoAnswer($"MLflow did not answer {request.Method} {request.RequestUri} within {_http.Timeout.TotalSeconds:0.#} s.", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(request, response, cancellationToken);
        }
    }

    private static async Task<MlflowException> ErrorAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        MlflowErrorResponse? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, MlflowJson.Default.MlflowErrorResponse);
        }
        catch (JsonException)
        {
            // Not MLflow's error JSON: a proxy or a server that is starting; the status code is all there is.
        }

        var what = $"{request.Method} {request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} {response.StatusCode}";
        return error?.ErrorCode is { } code
            ? MlflowException.FromAnswer(response.StatusCode, code, $"{what}: {code}: {error.Message}")
            : MlflowException.FromAnswer(response.StatusCode, null, $"{what}: {Truncate(body, 500)}");
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "...";
}
