namespace Burnout.AppHost;

/// <summary>Where the stack keeps what must outlive a run: <c>Burnout:DataDirectory</c>, else <c>.burnout/</c> in the clone.</summary>
internal static class BurnoutDataDirectory
{
    public const string ConfigurationKey = "Burnout:DataDirectory";

    public static string Get(IDistributedApplicationBuilder builder, string resourceName)
    {
        var configured = builder.Configuration[ConfigurationKey];
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(builder.AppHostDirectory, "..", ".burnout")
            : configured;
        return Path.GetFullPath(Path.Combine(root, resourceName));
    }
}
