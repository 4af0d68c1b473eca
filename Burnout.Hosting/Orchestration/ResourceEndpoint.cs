namespace Burnout.Hosting.Orchestration;

/// <summary>An address a resource listens on. External endpoints are the ones meant for people.</summary>
public sealed record ResourceEndpoint(string Name, string Url, bool IsExternal);
