using System.Text.Json.Serialization;

namespace Burnout.Trainer.Tracking;

/// <summary>
/// How calls are stored in the outbox: source-generated, with NaN and infinities as strings because a metric may
/// be NaN and PostgreSQL's jsonb has no such numbers. jsonb also reorders an object's keys, so the <c>type</c>
/// discriminator may come back anywhere in it.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TrackingCall))]
internal sealed partial class TrackingJson : JsonSerializerContext;
