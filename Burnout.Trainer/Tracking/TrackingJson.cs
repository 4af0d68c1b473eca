using System.Text.Json.Serialization;

namespace Burnout.Trainer.Tracking;

/// <summary>
/// How calls are stored in the outbox: source-generated, with NaN and infinities as strings because a metric may
/// be NaN and PostgreSQL's jsonb has no such numbers.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TrackingCall))]
internal sealed partial class TrackingJson : JsonSerializerContext;
