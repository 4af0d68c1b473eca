namespace Burnout.Trainer.Tracking.Mlflow;

/// <summary>The sizes MLflow accepts for a dataset input (<c>_validate_dataset</c>, <c>_validate_input_tag</c>).</summary>
internal static class MlflowDatasetRules
{
    public static void Validate(MlflowDatasetInput input)
    {
        ArgumentNullException.ThrowIfNull(input.Dataset);
        var dataset = input.Dataset;
        var name = dataset.Name ?? throw new ArgumentException("A dataset needs a name.");
        MlflowNames.ValidateLength(name, MlflowLimits.DatasetNameLength, "name", name);
        MlflowNames.ValidateLength(dataset.Digest, MlflowLimits.DatasetDigestLength, "digest", name);
        MlflowNames.ValidateLength(dataset.SourceType, int.MaxValue, "source type", name);
        MlflowNames.ValidateLength(dataset.Source, MlflowLimits.DatasetSourceLength, "source", name);
        if (dataset.Schema is not null)
        {
            MlflowNames.ValidateLength(dataset.Schema, MlflowLimits.DatasetSchemaLength, "schema", name);
        }

        if (dataset.Profile is not null)
        {
            MlflowNames.ValidateLength(dataset.Profile, MlflowLimits.DatasetProfileLength, "profile", name);
        }

        foreach (var tag in input.Tags ?? [])
        {
            MlflowNames.ValidateLength(tag.Key, MlflowLimits.InputTagKeyLength, "input tag key", name);
            MlflowNames.ValidateLength(tag.Value, MlflowLimits.InputTagValueLength, $"input tag '{tag.Key}'", name);
        }
    }
}
