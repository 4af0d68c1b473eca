namespace Burnout.Hosting.ApplicationModel;

/// <summary>A resource that referencing projects reach through <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The key under ConnectionStrings; the database name for a database, as in Aspire.</summary>
    string ConnectionStringName { get; }
}
