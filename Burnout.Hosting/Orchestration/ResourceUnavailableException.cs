namespace Burnout.Hosting.Orchestration;

/// <summary>The resource cannot run on this machine; the message is the reason shown on the dashboard.</summary>
public sealed class ResourceUnavailableException(string reason) : Exception(reason);
