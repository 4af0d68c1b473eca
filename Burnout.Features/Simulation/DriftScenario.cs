namespace Burnout.Features.Simulation;

/// <summary>Named ways the simulated world can drift, for exercising the monitor. See docs/data.md.</summary>
public enum DriftScenario
{
    /// <summary>The reference population.</summary>
    None,

    /// <summary>Covariate shift: a new intake that works at night far more (late-night share up by 0.25), with unchanged risk.</summary>
    PopulationShift,

    /// <summary>
    /// Concept change: many students who never burn out now go through the same decline of engagement as those who do,
    /// and recover, so the same signals mean less risk.
    /// </summary>
    ConceptChange,

    /// <summary>A broken feed: from the middle of the period on, <c>forum_posts</c> arrives as zero for everyone.</summary>
    BrokenFeed,
}

public static class DriftScenarios
{
    private static readonly (DriftScenario Scenario, string Name)[] Names =
    [
        (DriftScenario.None, "none"),
        (DriftScenario.PopulationShift, "population-shift"),
        (DriftScenario.ConceptChange, "concept-change"),
        (DriftScenario.BrokenFeed, "broken-feed"),
    ];

    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    public static string Name(this DriftScenario scenario) => Names.First(n => n.Scenario == scenario).Name;

    public static bool TryParse(string name, out DriftScenario scenario)
    {
        foreach (var n in Names)
        {
            if (string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                scenario = n.Scenario;
                return true;
            }
        }

        scenario = DriftScenario.None;
        return false;
    }
}
