using Burnout.Hosting.ApplicationModel;

namespace Burnout.Hosting.Orchestration;

/// <summary>
/// Who needs whom: a resource depends on what it references, what it waits for, and its parent. Start
/// order puts dependencies first; stop order is the reverse, so a service never outlives its database.
/// </summary>
public sealed class DependencyGraph
{
    private readonly IReadOnlyList<IResource> _resources;
    private readonly Dictionary<IResource, IReadOnlyList<IResource>> _dependencies;

    public DependencyGraph(IReadOnlyList<IResource> resources)
    {
        _resources = resources;
        _dependencies = resources.ToDictionary(r => r, DirectDependencies);

        foreach (var (resource, dependencies) in _dependencies)
        {
            foreach (var dependency in dependencies.Where(d => !_dependencies.ContainsKey(d)))
            {
                throw new InvalidOperationException($"{resource} depends on {dependency}, which was not added to the application.");
            }
        }
        StartOrder = TopologicalOrder();
    }

    /// <summary>Every resource after all of its dependencies; declaration order breaks ties.</summary>
    public IReadOnlyList<IResource> StartOrder { get; }

    public IReadOnlyList<IResource> StopOrder => StartOrder.Reverse().ToList();

    public IReadOnlyList<IResource> DependenciesOf(IResource resource) => _dependencies[resource];

    public IReadOnlyList<IResource> DependentsOf(IResource resource) =>
        _resources.Where(r => _dependencies[r].Contains(resource)).ToList();

    private static IReadOnlyList<IResource> DirectDependencies(IResource resource)
    {
        if (resource is not Resource model)
        {
            return [];
        }
        var dependencies = new List<IResource>();
        if (model.Parent is { } parent)
        {
            dependencies.Add(parent);
        }
        dependencies.AddRange(model.References);
        dependencies.AddRange(model.WaitsFor);
        return dependencies.Distinct().ToList();
    }

    private List<IResource> TopologicalOrder()
    {
        var order = new List<IResource>();
        var state = new Dictionary<IResource, bool>(); // false: on the current path, true: placed
        var path = new Stack<IResource>();

        void Visit(IResource resource)
        {
            if (state.TryGetValue(resource, out var placed))
            {
                if (!placed)
                {
                    var cycle = path.Reverse().SkipWhile(r => r != resource).Append(resource).Select(r => r.Name);
                    throw new InvalidOperationException($"Resources depend on each other in a cycle: {string.Join(" -> ", cycle)}.");
                }
                return;
            }
            state[resource] = false;
            path.Push(resource);
            foreach (var dependency in _dependencies[resource])
            {
                Visit(dependency);
            }
            path.Pop();
            state[resource] = true;
            order.Add(resource);
        }

        foreach (var resource in _resources)
        {
            Visit(resource);
        }
        return order;
    }
}
