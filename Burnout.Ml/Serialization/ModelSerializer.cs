using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Burnout.Ml.Calibration;
using Burnout.Ml.Data;

namespace Burnout.Ml.Serialization;

/// <summary>
/// Writes a <see cref="ScoringModel"/> as an indented JSON document and reads it back:
/// <code>
/// { "format": "burnout-model", "formatVersion": 1, "kind": "logistic",
///   "schema": [ { "name": "x", "kind": "numeric" }, { "name": "c", "kind": "categorical", "categories": ["a", "b"] } ],
///   "model": { ...the kind's parameters... },
///   "calibration": null | { "kind": "platt", "a": …, "b": … } | { "kind": "isotonic", "inputs": […], "outputs": […] },
///   "decisionThreshold": 0.5, "riskBands": { "mediumFrom": …, "highFrom": … } }
/// </code>
/// Numbers are written in shortest round-trip form (NaN and infinities by name), so a loaded model scores bit-identically.
/// </summary>
public static class ModelSerializer
{
    public const string Format = "burnout-model";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        IncludeFields = false,
    };

    public static string Serialize(ScoringModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var kind = ModelKinds.For(model.Classifier);
        var document = new JsonObject
        {
            ["format"] = Format,
            ["formatVersion"] = FormatVersion,
            ["kind"] = kind.Kind,
            ["schema"] = new JsonArray(model.Schema.Features.Select(WriteFeature).ToArray()),
            ["model"] = kind.Write(model.Classifier, Options),
            ["calibration"] = WriteCalibrator(model.Calibrator),
            ["decisionThreshold"] = model.DecisionThreshold,
            ["riskBands"] = new JsonObject { ["mediumFrom"] = model.Bands.MediumFrom, ["highFrom"] = model.Bands.HighFrom },
        };
        return document.ToJsonString(Options);
    }

    public static ScoringModel Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var document = JsonNode.Parse(json) as JsonObject ?? throw new ModelFormatException("a model file is a JSON object");
            if (document["format"]?.GetValue<string>() != Format)
            {
                throw new ModelFormatException($"not a {Format} document (\"format\" is missing or different)");
            }

            var version = Required(document, "formatVersion").GetValue<int>();
            if (version != FormatVersion)
            {
                throw new ModelFormatException($"format version {version} is not supported; this build reads version {FormatVersion}");
            }

            var kind = ModelKinds.For(Required(document, "kind").GetValue<string>());
            var schema = new FeatureSchema(Required(document, "schema").AsArray().Select(ReadFeature));
            var classifier = kind.Read(schema, Required(document, "model"), Options);
            var calibrator = ReadCalibrator(document["calibration"]);
            var threshold = Required(document, "decisionThreshold").GetValue<double>();
            var bandsNode = document["riskBands"];
            var bands = bandsNode is null
                ? null
                : new RiskBands(Required(bandsNode, "mediumFrom").GetValue<double>(), Required(bandsNode, "highFrom").GetValue<double>());
            return new ScoringModel(classifier, calibrator, threshold, bands);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
        {
            throw new ModelFormatException($"the model file cannot be read: {e.Message}", e);
        }
    }

    private static JsonNode Required(JsonNode node, string name) =>
        node[name] ?? throw new ModelFormatException($"the model file has no \"{name}\"");

    private static JsonNode WriteFeature(FeatureDefinition feature)
    {
        var node = new JsonObject
        {
            ["name"] = feature.Name,
            ["kind"] = feature.Kind == FeatureKind.Numeric ? "numeric" : "categorical",
        };
        if (feature.Kind == FeatureKind.Categorical)
        {
            node["categories"] = new JsonArray(feature.Categories.Select(c => (JsonNode)c).ToArray());
        }

        return node;
    }

    private static FeatureDefinition ReadFeature(JsonNode? node)
    {
        if (node is null)
        {
            throw new ModelFormatException("a schema entry is null");
        }

        var name = Required(node, "name").GetValue<string>();
        return Required(node, "kind").GetValue<string>() switch
        {
            "numeric" => FeatureDefinition.Numeric(name),
            "categorical" => FeatureDefinition.Categorical(
                name, node["categories"]?.AsArray().Select(c => c?.GetValue<string>() ?? "").ToArray() ?? []),
            var other => throw new ModelFormatException($"feature '{name}' has unknown kind '{other}'"),
        };
    }

    private static JsonNode? WriteCalibrator(IProbabilityCalibrator? calibrator) => calibrator switch
    {
        null => null,
        PlattCalibrator platt => new JsonObject { ["kind"] = platt.Kind, ["a"] = platt.A, ["b"] = platt.B },
        IsotonicCalibrator isotonic => new JsonObject
        {
            ["kind"] = isotonic.Kind,
            ["inputs"] = JsonSerializer.SerializeToNode(isotonic.Inputs, Options),
            ["outputs"] = JsonSerializer.SerializeToNode(isotonic.Outputs, Options),
        },
        _ => throw new NotSupportedException($"{calibrator.GetType().Name} cannot be written to a model file."),
    };

    private static IProbabilityCalibrator? ReadCalibrator(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        return Required(node, "kind").GetValue<string>() switch
        {
            "platt" => new PlattCalibrator(Required(node, "a").GetValue<double>(), Required(node, "b").GetValue<double>()),
            "isotonic" => new IsotonicCalibrator(
                Required(node, "inputs").Deserialize<double[]>(Options)!, Required(node, "outputs").Deserialize<double[]>(Options)!),
            var other => throw new ModelFormatException($"unknown calibration kind '{other}'"),
        };
    }
}
