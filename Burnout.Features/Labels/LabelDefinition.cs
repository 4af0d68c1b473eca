namespace Burnout.Features.Labels;

/// <summary>A named, versioned label; the key (e.g. <c>burnout-onset-21d@1</c>) is recorded with every dataset and model.</summary>
public sealed record LabelDefinition(string Id, int Version, string Description)
{
    public string Key => $"{Id}@{Version}";

    public override string ToString() => Key;
}
