namespace Burnout.Trainer.Registry;

/// <summary>The two names a problem's versions can carry: what serves, and what was trained last.</summary>
public static class ModelAliases
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";
}
