using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Burnout.Trainer.Tests.Tracking.Server;

/// <summary>Experiments, runs and their logging, checked as <c>mlflow/server/handlers.py</c> and <c>mlflow/utils/validation.py</c> check them.</summary>
internal static partial class TrackingEndpoints
{
    private static readonly string[] RunStatuses = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"];

    public static void Map(IEndpointRouteBuilder routes, MlflowServerState state)
    {
        MlflowRoutes.Get(routes, "experiments/get-by-name", query => GetExperimentByName(state, MlflowRoutes.Required(query, "experiment_name")), state);
        MlflowRoutes.Post(routes, "experiments/create", body => CreateExperiment(state, MlflowRequestBody.Parse(body, "name", "artifact_location", "tags")), state);
        MlflowRoutes.Post(routes, "runs/create", body => CreateRun(state, MlflowRequestBody.Parse(body, "experiment_id", "user_id", "run_name", "start_time", "tags")), state);
        MlflowRoutes.Post(routes, "runs/update", body => UpdateRun(state, MlflowRequestBody.Parse(body, "run_id", "run_uuid", "status", "end_time", "run_name")), state);
        MlflowRoutes.Get(routes, "runs/get", query => new JsonObject { ["run"] = RunJson(state.Run(MlflowRoutes.Required(query, "run_id"))) }, state);
        MlflowRoutes.Post(routes, "runs/search", body => SearchRuns(state, MlflowRequestBody.Parse(body, "experiment_ids", "filter", "run_view_type", "max_results", "order_by", "page_token")), state);
        MlflowRoutes.Post(routes, "runs/log-batch", body => LogBatch(state, body), state);
        MlflowRoutes.Post(routes, "runs/log-inputs", body => LogInputs(state, MlflowRequestBody.Parse(body, "run_id", "datasets")), state);
    }

    private static JsonObject GetExperimentByName(MlflowServerState state, string name)
    {
        var experiment = state.Experiments.Values.FirstOrDefault(e => e.Name == name)
            ?? throw MlflowApiError.NotFound($"Could not find experiment with name '{name}'");
        return new JsonObject
        {
            ["experiment"] = new JsonObject
            {
                ["experiment_id"] = experiment.ExperimentId,
                ["name"] = experiment.Name,
                ["artifact_location"] = experiment.ArtifactLocation,
                ["lifecycle_stage"] = experiment.LifecycleStage,
                ["creation_time"] = experiment.CreationTime,
                ["last_update_time"] = experiment.CreationTime,
            },
        };
    }

    private static JsonObject CreateExperiment(MlflowServerState state, MlflowRequestBody request)
    {
        var name = request.RequiredString("name");
        request.Limited(name, "name", 500);
        request.OptionalString("artifact_location");
        Tags(request, "tags", valueLimit: 5000);
        if (state.Experiments.Values.Any(e => e.Name == name))
        {
            throw MlflowApiError.AlreadyExists($"Experiment '{name}' already exists.");
        }

        var id = state.Experiments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        state.Experiments[id] = new StoredExperiment(id, name, $"mlflow-artifacts:/{id}", Now());
        return new JsonObject { ["experiment_id"] = id };
    }

    private static JsonObject CreateRun(MlflowServerState state, MlflowRequestBody request)
    {
        var experimentId = request.RequiredString("experiment_id");
        request.OptionalString("user_id");
        var runName = request.OptionalString("run_name");
        var startTime = request.OptionalInt64("start_time") ?? Now();
        var tags = Tags(request, "tags", valueLimit: 8000);

        if (!state.Experiments.TryGetValue(experimentId, out var experiment))
        {
            throw MlflowApiError.NotFound($"No Experiment with id={experimentId} exists");
        }

        if (experiment.LifecycleStage != "active")
        {
            throw new MlflowApiError(System.Net.HttpStatusCode.BadRequest, "INVALID_STATE", $"The experiment {experimentId} must be in the 'active' state.");
        }

        var run = new StoredRun(Guid.NewGuid().ToString("N"), experimentId, runName ?? "unnamed-run", startTime);
        foreach (var (key, value) in tags)
        {
            run.Tags[key] = value;
        }

        run.Tags["mlflow.runName"] = run.RunName;
        state.Runs[run.RunId] = run;
        return new JsonObject { ["run"] = RunJson(run) };
    }

    private static JsonObject UpdateRun(MlflowServerState state, MlflowRequestBody request)
    {
        var run = state.Run(request.RequiredString("run_id"));
        var status = request.OptionalString("status");
        if (status is not null && !RunStatuses.Contains(status))
        {
            throw MlflowApiError.Invalid($"Invalid value \"{status}\" for parameter 'status' supplied: one of {string.Join(", ", RunStatuses)}.");
        }

        var endTime = request.OptionalInt64("end_time");
        var runName = request.OptionalString("run_name");
        run.Status = status ?? run.Status;
        run.EndTime = endTime ?? run.EndTime;
        run.RunName = runName ?? run.RunName;
        return new JsonObject { ["run_info"] = RunInfoJson(run) };
    }

    /// <summary>
    /// <c>runs/search</c> for the one filter form the client sends, a tag equal to a value
    /// (<c>tags.`key` = 'value'</c> or <c>tags.key = 'value'</c>); any other filter is refused rather than misread.
    /// </summary>
    private static JsonObject SearchRuns(MlflowServerState state, MlflowRequestBody request)
    {
        var experimentIds = request.Array("experiment_ids").Select(id => id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : throw MlflowApiError.Invalid("Invalid value for parameter 'experiment_ids' supplied: expected an array of strings.")).ToList();
        var maxResults = request.OptionalInt64("max_results") ?? 1000;
        if (maxResults is < 1 or > 50000)
        {
            throw MlflowApiError.Invalid($"Invalid value {maxResults} for parameter 'max_results' supplied. It must be at most 50000.");
        }

        var filter = request.OptionalString("filter");
        var tag = filter is null ? null : TagEqualsFilter().Match(filter);
        if (filter is not null && tag is not { Success: true })
        {
            throw MlflowApiError.Invalid($"The in-memory server only understands tags.`key` = 'value' filters, got: {filter}");
        }

        var runs = state.Runs.Values
            .Where(run => experimentIds.Contains(run.ExperimentId))
            .Where(run => tag is null || (run.Tags.TryGetValue(tag.Groups["key"].Value, out var value) && value == tag.Groups["value"].Value))
            .OrderByDescending(run => run.StartTime)
            .Take((int)maxResults)
            .Select(run => (JsonNode)RunJson(run))
            .ToArray();

        // protobuf's JSON leaves an empty repeated field out.
        return runs.Length == 0 ? new JsonObject() : new JsonObject { ["runs"] = new JsonArray(runs) };
    }

    private static JsonObject LogBatch(MlflowServerState state, byte[] body)
    {
        if (body.Length > 1_000_000)
        {
            throw MlflowApiError.Invalid($"Batched logging API requests must be at most 1000000 bytes, got a request of size {body.Length}.");
        }

        var request = MlflowRequestBody.Parse(body, "run_id", "metrics", "params", "tags");
        var runId = request.RequiredString("run_id");
        var metrics = request.Objects("metrics", required: false, "key", "value", "timestamp", "step");
        var parameters = request.Objects("params", required: false, "key", "value");
        var tags = request.Objects("tags", required: false, "key", "value");

        BatchLimit("metrics", metrics.Count, 1000);
        BatchLimit("params", parameters.Count, 100);
        BatchLimit("tags", tags.Count, 100);
        BatchLimit("metrics, params, and tags", metrics.Count + parameters.Count + tags.Count, 1000);

        var newMetrics = metrics.Select(m => new StoredMetric(m.Key(), m.RequiredDouble("value"), Timestamp(m), m.OptionalInt64("step") ?? 0)).ToList();
        var newParams = parameters.Select(p => (Key: p.Key(), Value: p.Limited(p.OptionalString("value"), "value", 6000))).ToList();
        var newTags = tags.Select(t => (Key: t.Key(), Value: t.Limited(t.OptionalString("value"), "value", 8000))).ToList();

        var duplicates = newParams.GroupBy(p => p.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw MlflowApiError.Invalid($"Duplicate parameter keys have been submitted: [{string.Join(", ", duplicates)}].");
        }

        var run = state.Run(runId);
        foreach (var (key, value) in newParams)
        {
            if (run.Params.TryGetValue(key, out var old) && old != value)
            {
                throw MlflowApiError.Invalid($"Changing param values is not allowed. Param with key='{key}' was already logged with value='{old}' for run ID='{runId}'. Attempted logging new value '{value}'.");
            }
        }

        // Only now that the whole request is valid: the tests assert on what was accepted.
        run.Metrics.AddRange(newMetrics);
        newParams.ForEach(p => run.Params[p.Key] = p.Value);
        newTags.ForEach(t => run.Tags[t.Key] = t.Value);
        return new JsonObject();
    }

    private static JsonObject LogInputs(MlflowServerState state, MlflowRequestBody request)
    {
        var run = state.Run(request.RequiredString("run_id"));
        var inputs = request.Objects("datasets", required: true, "dataset", "tags").Select(input =>
        {
            var dataset = input.Object("dataset", "name", "digest", "source_type", "source", "schema", "profile");
            var tags = input.Objects("tags", required: false, "key", "value").ToDictionary(
                tag => tag.Limited(tag.RequiredString("key"), "key", 255),
                tag => tag.Limited(tag.RequiredString("value"), "value", 500));
            return new StoredDatasetInput(
                dataset.Limited(dataset.RequiredString("name"), "name", 500),
                dataset.Limited(dataset.RequiredString("digest"), "digest", 36),
                dataset.RequiredString("source_type"),
                dataset.Limited(dataset.RequiredString("source"), "source", 65535),
                dataset.OptionalString("schema") is { } schema ? dataset.Limited(schema, "schema", 1048575) : null,
                dataset.OptionalString("profile"),
                tags);
        }).ToList();

        run.Inputs.AddRange(inputs);
        return new JsonObject();
    }

    private static List<(string Key, string Value)> Tags(MlflowRequestBody request, string field, int valueLimit) =>
        request.Objects(field, required: false, "key", "value").Select(t => (t.Key(), t.Limited(t.OptionalString("value"), "value", valueLimit))).ToList();

    private static long Timestamp(MlflowRequestBody metric)
    {
        var timestamp = metric.RequiredInt64("timestamp");
        return timestamp >= 0 ? timestamp : throw MlflowApiError.Invalid($"Timestamp must be a nonnegative long (64-bit integer), got {timestamp}.");
    }

    private static void BatchLimit(string what, int count, int limit)
    {
        if (count > limit)
        {
            throw MlflowApiError.Invalid($"A batch logging request can contain at most {limit} {what}. Got {count} {what}. Please split up {what} across multiple requests and try again.");
        }
    }

    private static JsonObject RunJson(StoredRun run) => new()
    {
        ["info"] = RunInfoJson(run),
        ["data"] = new JsonObject
        {
            // runs/get gives the latest value of each metric: the greatest (step, timestamp, value).
            ["metrics"] = new JsonArray(run.Metrics
                .GroupBy(m => m.Key)
                .Select(g => g.OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ThenBy(m => m.Value).Last())
                .Select(m => (JsonNode)new JsonObject { ["key"] = m.Key, ["value"] = double.IsFinite(m.Value) ? m.Value : m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), ["timestamp"] = m.Timestamp, ["step"] = m.Step })
                .ToArray()),
            ["params"] = KeyValues(run.Params),
            ["tags"] = KeyValues(run.Tags),
        },
        ["inputs"] = new JsonObject
        {
            ["dataset_inputs"] = new JsonArray(run.Inputs.Select(input => (JsonNode)new JsonObject
            {
                ["tags"] = KeyValues(input.Tags),
                ["dataset"] = new JsonObject
                {
                    ["name"] = input.Name,
                    ["digest"] = input.Digest,
                    ["source_type"] = input.SourceType,
                    ["source"] = input.Source,
                    ["schema"] = input.Schema,
                    ["profile"] = input.Profile,
                },
            }).ToArray()),
        },
    };

    private static JsonObject RunInfoJson(StoredRun run) => new()
    {
        ["run_id"] = run.RunId,
        ["run_uuid"] = run.RunId,
        ["run_name"] = run.RunName,
        ["experiment_id"] = run.ExperimentId,
        ["user_id"] = "",
        ["status"] = run.Status,
        ["start_time"] = run.StartTime,
        ["end_time"] = run.EndTime,
        ["artifact_uri"] = run.ArtifactUri,
        ["lifecycle_stage"] = "active",
    };

    private static JsonArray KeyValues(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.Select(pair => (JsonNode)new JsonObject { ["key"] = pair.Key, ["value"] = pair.Value }).ToArray());

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [GeneratedRegex(@"^\s*tags\.(`(?<key>[^`]+)`|(?<key>[\w.]+))\s*=\s*'(?<value>[^']*)'\s*$")]
    private static partial Regex TagEqualsFilter();
}
