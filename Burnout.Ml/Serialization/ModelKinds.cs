using System.Text.Json;
using System.Text.Json.Nodes;
using Burnout.Ml.Data;
using Burnout.Ml.Linear;
using Burnout.Ml.Models;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Forest;

namespace Burnout.Ml.Serialization;

/// <summary>How one kind of classifier is written to and read from the "model" member of a model file.</summary>
public interface IModelKind
{
    /// <summary>The "kind" written in the file, e.g. "logistic".</summary>
    string Kind { get; }

    bool Handles(IBinaryClassifier classifier);

    JsonNode Write(IBinaryClassifier classifier, JsonSerializerOptions options);

    IBinaryClassifier Read(FeatureSchema schema, JsonNode model, JsonSerializerOptions options);
}

/// <summary>A model kind whose parameters are a plain record (its <c>ToState()</c>) rebuilt by <c>FromState(schema, state)</c>.</summary>
public sealed class StateModelKind<TModel, TState>(string kind, Func<TModel, TState> toState, Func<FeatureSchema, TState, TModel> fromState)
    : IModelKind
    where TModel : class, IBinaryClassifier
{
    public string Kind { get; } = kind;

    public bool Handles(IBinaryClassifier classifier) => classifier is TModel;

    public JsonNode Write(IBinaryClassifier classifier, JsonSerializerOptions options) =>
        JsonSerializer.SerializeToNode(toState((TModel)classifier), options)
        ?? throw new InvalidOperationException($"The {Kind} model wrote no parameters.");

    public IBinaryClassifier Read(FeatureSchema schema, JsonNode model, JsonSerializerOptions options)
    {
        var state = model.Deserialize<TState>(options) ?? throw new ModelFormatException($"the {Kind} model has no parameters");
        return fromState(schema, state);
    }
}

/// <summary>
/// THE registration point for model kinds in model files. To add a learner, add one line here with its kind name,
/// its state accessor and its factory.
/// </summary>
public static class ModelKinds
{
    public static IReadOnlyList<IModelKind> All { get; } =
    [
        new StateModelKind<LogisticRegressionModel, LogisticRegressionState>("logistic", m => m.ToState(), LogisticRegressionModel.FromState),
        new StateModelKind<GradientBoostedTreesModel, GradientBoostedTreesState>("gbdt", m => m.ToState(), GradientBoostedTreesModel.FromState),
        new StateModelKind<RandomForestModel, RandomForestState>("forest", m => m.ToState(), RandomForestModel.FromState),
    ];

    public static IModelKind For(IBinaryClassifier classifier) =>
        All.FirstOrDefault(k => k.Handles(classifier))
        ?? throw new NotSupportedException($"{classifier.GetType().Name} has no registered model kind; add it to ModelKinds.All.");

    public static IModelKind For(string kind) =>
        All.FirstOrDefault(k => k.Kind == kind)
        ?? throw new ModelFormatException($"unknown model kind '{kind}'; known kinds: {string.Join(", ", All.Select(k => k.Kind))}");
}
