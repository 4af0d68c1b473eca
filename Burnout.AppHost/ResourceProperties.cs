using System.Collections.Immutable;

namespace Burnout.AppHost;

/// <summary>Sets properties on a resource snapshot, replacing those of the same names (Aspire keeps its own helper internal).</summary>
internal static class ResourceProperties
{
    public static ImmutableArray<ResourcePropertySnapshot> With(this ImmutableArray<ResourcePropertySnapshot> properties, params ResourcePropertySnapshot[] values) =>
        [.. properties.Where(p => !values.Any(v => v.Name == p.Name)), .. values];
}
