using Burnout.Hosting.ApplicationModel;
using Burnout.Hosting.Orchestration;

namespace Burnout.Hosting.Tests;

public sealed class DependencyGraphTests
{
    private static readonly ProjectMetadata s_project = new("/nowhere/X.csproj", "/nowhere/X.dll");

    [Fact]
    public void Dependencies_start_first_whatever_the_declaration_order()
    {
        var web = new ProjectResource("web", s_project);
        var api = new ProjectResource("api", s_project);
        var postgres = new PostgresServerResource("postgres");
        var db = new PostgresDatabaseResource("burnoutdb", "burnoutdb", postgres);
        web.AddReference(api);
        web.AddWaitFor(api);
        api.AddReference(db);

        var graph = new DependencyGraph([web, api, db, postgres]);

        Assert.Equal(["postgres", "burnoutdb", "api", "web"], graph.StartOrder.Select(r => r.Name));
        Assert.Equal(["web", "api", "burnoutdb", "postgres"], graph.StopOrder.Select(r => r.Name));
    }

    [Fact]
    public void Independent_resources_keep_their_declaration_order()
    {
        var a = new ProjectResource("a", s_project);
        var b = new ProjectResource("b", s_project);
        var c = new ProjectResource("c", s_project);

        Assert.Equal(["a", "b", "c"], new DependencyGraph([a, b, c]).StartOrder.Select(r => r.Name));
    }

    [Fact]
    public void Dependents_are_those_that_reference_wait_for_or_live_inside()
    {
        var postgres = new PostgresServerResource("postgres");
        var db = new PostgresDatabaseResource("burnoutdb", "burnoutdb", postgres);
        var api = new ProjectResource("api", s_project);
        var monitor = new ProjectResource("monitor", s_project);
        api.AddWaitFor(db);
        monitor.AddReference(db);

        var graph = new DependencyGraph([postgres, db, api, monitor]);

        Assert.Equal(["burnoutdb"], graph.DependentsOf(postgres).Select(r => r.Name));
        Assert.Equal(["api", "monitor"], graph.DependentsOf(db).Select(r => r.Name));
        Assert.Empty(graph.DependentsOf(api));
    }

    [Fact]
    public void A_cycle_is_refused_and_named()
    {
        var a = new ProjectResource("a", s_project);
        var b = new ProjectResource("b", s_project);
        var c = new ProjectResource("c", s_project);
        a.AddWaitFor(b);
        b.AddReference(c);
        c.AddWaitFor(a);

        var error = Assert.Throws<InvalidOperationException>(() => new DependencyGraph([a, b, c]));

        Assert.Contains("a -> b -> c -> a", error.Message);
    }

    [Fact]
    public void A_reference_to_a_resource_not_in_the_application_is_refused()
    {
        var api = new ProjectResource("api", s_project);
        api.AddReference(new MlflowResource("mlflow"));

        var error = Assert.Throws<InvalidOperationException>(() => new DependencyGraph([api]));

        Assert.Contains("mlflow", error.Message);
    }
}
