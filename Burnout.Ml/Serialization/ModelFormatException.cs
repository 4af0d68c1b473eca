namespace Burnout.Ml.Serialization;

/// <summary>A model file that is not a readable burnout-model document.</summary>
public sealed class ModelFormatException(string message, Exception? inner = null) : Exception(message, inner);
