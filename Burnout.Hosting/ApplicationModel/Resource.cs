namespace Burnout.Hosting.ApplicationModel;

/// <summary>
/// The relations every resource can carry: what it references (and so receives configuration for) and
/// what it waits for (healthy before it starts).
/// </summary>
public abstract class Resource(string name) : IResource
{
    private readonly List<IResource> _references = [];
    private readonly List<IResource> _waitsFor = [];
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public abstract string Kind { get; }

    public IReadOnlyList<IResource> References => _references;

    public IReadOnlyList<IResource> WaitsFor => _waitsFor;

    /// <summary>Extra environment variables, for resources that run a process.</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>The resource this one lives inside (a database's server); it must be running first.</summary>
    public virtual IResource? Parent => null;

    internal void AddReference(IResource resource)
    {
        if (!_references.Contains(resource))
        {
            _references.Add(resource);
        }
    }

    internal void AddWaitFor(IResource resource)
    {
        if (!_waitsFor.Contains(resource))
        {
            _waitsFor.Add(resource);
        }
    }

    internal void SetEnvironment(string name, string value) => _environment[name] = value;

    public override string ToString() => $"{Kind} '{Name}'";
}
