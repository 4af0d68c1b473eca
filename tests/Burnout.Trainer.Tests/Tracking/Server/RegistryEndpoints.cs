using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Burnout.Trainer.Tests.Tracking.Server;

/// <summary>The model registry: registered models, versions and aliases, checked as MLflow's handlers check them.</summary>
internal static partial class RegistryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, MlflowServerState state)
    {
        MlflowRoutes.Post(routes, "registered-models/create", body => CreateRegisteredModel(state, MlflowRequestBody.Parse(body, "name", "tags", "description")), state);
        MlflowRoutes.Get(routes, "registered-models/get", query => new JsonObject { ["registered_model"] = ModelJson(state.RegisteredModel(MlflowRoutes.Required(query, "name"))) }, state);
        MlflowRoutes.Post(routes, "registered-models/get-latest-versions", body => LatestVersions(state, MlflowRequestBody.Parse(body, "name", "stages")), state);
        MlflowRoutes.Post(routes, "model-versions/create", body => CreateModelVersion(state, MlflowRequestBody.Parse(body, "name", "source", "run_id", "tags", "run_link", "description")), state);
        MlflowRoutes.Post(routes, "registered-models/alias", body => SetAlias(state, MlflowRequestBody.Parse(body, "name", "alias", "version")), state);
        MlflowRoutes.Delete(routes, "registered-models/alias", body => DeleteAlias(state, MlflowRequestBody.Parse(body, "name", "alias")), state);
    }

    private static JsonObject CreateRegisteredModel(MlflowServerState state, MlflowRequestBody request)
    {
        var name = request.RequiredString("name");
        request.OptionalString("description");
        request.Objects("tags", required: false, "key", "value");
        if (state.RegisteredModels.ContainsKey(name))
        {
            throw MlflowApiError.AlreadyExists($"Registered Model (name={name}) already exists.");
        }

        var model = new StoredRegisteredModel(name, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        state.RegisteredModels[name] = model;
        return new JsonObject { ["registered_model"] = ModelJson(model) };
    }

    private static JsonObject LatestVersions(MlflowServerState state, MlflowRequestBody request)
    {
        var model = state.RegisteredModel(request.RequiredString("name"));
        if (request.Array("stages").Any(stage => stage.ValueKind != System.Text.Json.JsonValueKind.String))
        {
            throw MlflowApiError.Invalid("Invalid value for parameter 'stages' supplied: expected strings.");
        }

        // Every version here stays in stage "None", so the latest of that stage is the only one.
        return new JsonObject { ["model_versions"] = new JsonArray(model.Versions.TakeLast(1).Select(v => (JsonNode)VersionJson(model, v)).ToArray()) };
    }

    private static JsonObject CreateModelVersion(MlflowServerState state, MlflowRequestBody request)
    {
        var name = request.RequiredString("name");
        var source = request.RequiredString("source");
        var runId = request.OptionalString("run_id");
        request.OptionalString("run_link");
        request.OptionalString("description");
        request.Objects("tags", required: false, "key", "value");
        if (source.Split('/').Contains(".."))
        {
            throw MlflowApiError.Invalid($"Invalid model version source: '{source}'. An absolute path must be provided without relative path references present.");
        }

        var model = state.RegisteredModel(name);
        if (!string.IsNullOrEmpty(runId))
        {
            state.Run(runId);
        }

        var version = new StoredModelVersion(name, (model.Versions.Count + 1).ToString(CultureInfo.InvariantCulture), source, runId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        model.Versions.Add(version);
        return new JsonObject { ["model_version"] = VersionJson(model, version) };
    }

    private static JsonObject SetAlias(MlflowServerState state, MlflowRequestBody request)
    {
        var model = state.RegisteredModel(request.RequiredString("name"));
        var alias = Alias(request);
        var version = request.RequiredString("version");
        if (!long.TryParse(version, out _))
        {
            throw MlflowApiError.Invalid($"Parameter 'version' must be an integer, got '{version}'.");
        }

        if (model.Versions.All(v => v.Version != version))
        {
            throw MlflowApiError.NotFound($"Model Version (name={model.Name}, version={version}) not found");
        }

        model.Aliases[alias] = version;
        return new JsonObject();
    }

    private static JsonObject DeleteAlias(MlflowServerState state, MlflowRequestBody request)
    {
        var model = state.RegisteredModel(request.RequiredString("name"));
        model.Aliases.Remove(Alias(request));
        return new JsonObject();
    }

    /// <summary>MLflow's <c>_validate_model_alias_name</c>.</summary>
    private static string Alias(MlflowRequestBody request)
    {
        var alias = request.RequiredString("alias");
        if (!AliasCharacters().IsMatch(alias) || alias.Length > 255 || alias.Equals("latest", StringComparison.OrdinalIgnoreCase) || VersionAlias().IsMatch(alias))
        {
            throw MlflowApiError.Invalid($"Invalid alias name: '{alias}'.");
        }

        return alias;
    }

    private static JsonObject ModelJson(StoredRegisteredModel model) => new()
    {
        ["name"] = model.Name,
        ["creation_timestamp"] = model.CreationTimestamp,
        ["last_updated_timestamp"] = model.CreationTimestamp,
        ["latest_versions"] = new JsonArray(model.Versions.TakeLast(1).Select(v => (JsonNode)VersionJson(model, v)).ToArray()),
        ["aliases"] = new JsonArray(model.Aliases.Select(a => (JsonNode)new JsonObject { ["alias"] = a.Key, ["version"] = a.Value }).ToArray()),
    };

    private static JsonObject VersionJson(StoredRegisteredModel model, StoredModelVersion version) => new()
    {
        ["name"] = version.Name,
        ["version"] = version.Version,
        ["creation_timestamp"] = version.CreationTimestamp,
        ["current_stage"] = "None",
        ["source"] = version.Source,
        ["run_id"] = version.RunId,
        ["status"] = "READY",
        ["aliases"] = new JsonArray(model.Aliases.Where(a => a.Value == version.Version).Select(a => (JsonNode)JsonValue.Create(a.Key)!).ToArray()),
    };

    [GeneratedRegex(@"^[\w\-]*$")]
    private static partial Regex AliasCharacters();

    [GeneratedRegex(@"^[vV]\d+$")]
    private static partial Regex VersionAlias();
}
